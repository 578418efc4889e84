package org.tengen.worker.gtp;

import java.io.IOException;

/**
 * A GTP failure answer ({@code ? text}) from a player that is still there: it understood the
 * command and refused it, e.g. {@code play} of a move that is illegal under its rules.
 */
public final class GtpRefusal extends IOException {

  private final String answer;

  public GtpRefusal(String player, String command, String answer) {
    super(player + " answered '" + answer + "' to '" + command + "'");
    this.answer = answer;
  }

  /** The answer's text after the {@code ?}. */
  public String reason() {
    return answer.startsWith("?") ? answer.substring(1).strip() : answer;
  }

  /** Whether the command was a move the player refused as illegal. */
  public boolean illegalMove() {
    return reason().toLowerCase(java.util.Locale.ROOT).contains("illegal move");
  }
}
