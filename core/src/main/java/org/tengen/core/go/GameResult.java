package org.tengen.core.go;

import java.util.Locale;

/**
 * How a game ended: a winner (or none, for a draw), the margin in points when it was counted, and
 * how it was decided. Written as in SGF's RE and the wire format: {@code B+R}, {@code W+3.5},
 * {@code B+T}, {@code W+F}, and {@code 0} for a draw.
 */
public record GameResult(Color winner, double margin, Decision decision) {

  /** How a game was decided. */
  public enum Decision {
    SCORE,
    RESIGNATION,
    TIME,
    FORFEIT
  }

  public GameResult {
    if (decision == null) {
      throw new IllegalArgumentException("decision is required");
    }
    if (decision == Decision.SCORE) {
      if (!Double.isFinite(margin) || margin < 0 || margin * 2 != Math.rint(margin * 2)) {
        throw new IllegalArgumentException(
            "margin " + margin + " is not a non-negative multiple of 0.5");
      }
      if ((winner == null) != (margin == 0)) {
        throw new IllegalArgumentException(
            winner == null ? "a draw has no margin" : "a win needs a margin above 0");
      }
    } else {
      if (winner == null) {
        throw new IllegalArgumentException(decision + " needs a winner");
      }
      margin = 0;
    }
  }

  public static GameResult draw() {
    return new GameResult(null, 0, Decision.SCORE);
  }

  public static GameResult byScore(Color winner, double margin) {
    return new GameResult(winner, margin, Decision.SCORE);
  }

  public static GameResult byResignation(Color winner) {
    return new GameResult(winner, 0, Decision.RESIGNATION);
  }

  /** The result of a counted game from black's margin (black points - white points - komi). */
  public static GameResult ofBlackMargin(double blackMargin) {
    if (blackMargin == 0) {
      return draw();
    }
    return byScore(blackMargin > 0 ? Color.BLACK : Color.WHITE, Math.abs(blackMargin));
  }

  public boolean isDraw() {
    return winner == null;
  }

  /** +1 if the player won, -1 if it lost, 0 for a draw: the value target from its view. */
  public int valueFor(Color player) {
    return winner == null ? 0 : winner == player ? 1 : -1;
  }

  /** Black's margin (negative when white won); 0 for draws and games not counted. */
  public double blackMargin() {
    return winner == null ? 0 : winner.sign() * margin;
  }

  /**
   * Parses {@code B+R}, {@code B+Resign}, {@code W+3.5}, {@code B+T}, {@code B+Time}, {@code W+F},
   * {@code B+Forfeit}, {@code 0}, {@code Draw}, {@code Jigo}; case does not matter.
   *
   * @throws IllegalArgumentException for anything else, including {@code Void} and {@code ?}
   */
  public static GameResult parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("result is missing");
    }
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("0") || lower.equals("draw") || lower.equals("jigo")) {
      return draw();
    }
    if (t.length() < 3 || t.charAt(1) != '+') {
      throw new IllegalArgumentException("result '" + text + "' is not like B+R, W+3.5 or 0");
    }
    Color winner =
        switch (Character.toUpperCase(t.charAt(0))) {
          case 'B' -> Color.BLACK;
          case 'W' -> Color.WHITE;
          default ->
              throw new IllegalArgumentException("result '" + text + "' names no winner B or W");
        };
    String rest = lower.substring(2);
    switch (rest) {
      case "r", "resign" -> {
        return byResignation(winner);
      }
      case "t", "time" -> {
        return new GameResult(winner, 0, Decision.TIME);
      }
      case "f", "forfeit" -> {
        return new GameResult(winner, 0, Decision.FORFEIT);
      }
      default -> {}
    }
    double margin;
    try {
      margin = Double.parseDouble(rest);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("result '" + text + "' has no margin, R, T or F");
    }
    if (!rest.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("result '" + text + "' has a malformed margin");
    }
    try {
      return byScore(winner, margin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("result '" + text + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    if (winner == null) {
      return "0";
    }
    String tail =
        switch (decision) {
          case RESIGNATION -> "R";
          case TIME -> "T";
          case FORFEIT -> "F";
          case SCORE -> formatMargin(margin);
        };
    return winner.letter() + "+" + tail;
  }

  private static String formatMargin(double m) {
    return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
  }
}
