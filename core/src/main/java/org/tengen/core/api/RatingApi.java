package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** recordMatchResult and decideRelease: a candidate's rating games and the release decision. */
public final class RatingApi {

  private RatingApi() {}

  /** A rating game's result from the candidate's view. */
  public enum Result {
    WIN("win"),
    LOSS("loss"),
    DRAW("draw");

    private final String wire;

    Result(String wire) {
      this.wire = wire;
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    /** From a score from the candidate's view: above 0 a win, below a loss. */
    public static Result of(int candidateScore) {
      return candidateScore > 0 ? WIN : candidateScore < 0 ? LOSS : DRAW;
    }
  }

  /**
   * One rating game as played: every move as a GTP vertex (both passes at the end) and the result
   * the worker counted. The backend replays the moves under the task's board, rules and komi and
   * takes the outcome from its own count ({@link org.tengen.core.rating.RatingGameCheck}); a
   * declared result that differs is refused.
   */
  public record RatedGame(String gameId, List<String> moves, String result) {}

  /** The records of a rating task's games. */
  public record MatchResultRequest(String run, String taskId, List<RatedGame> games) {}

  public record DecideRequest(String run, String candidate) {}

  /**
   * A decision as the API shows it: the tally so far, Elo with its interval, SPRT's log-likelihood
   * ratio, {@code outcome} (RELEASE, REJECT or CONTINUE) and the candidate's status.
   */
  public record Decision(
      String candidate,
      String baseline,
      long wins,
      long losses,
      long draws,
      Double elo,
      Double eloLower,
      Double eloUpper,
      Double llr,
      String outcome,
      NetworkStatus status,
      String reason) {}
}
