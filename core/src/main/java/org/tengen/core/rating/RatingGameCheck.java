package org.tengen.core.rating;

import java.util.List;
import org.tengen.core.api.RatingApi.Result;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;

/**
 * A rating game's outcome as the backend takes it: from the replayed record, never from the word of
 * the contributor who played it. The moves are replayed under the task's board, rules and komi; the
 * game must end with two passes at its last move (rating games are played out: workers never resign
 * them, and stop at a move cap with passes), and the result is the count of the final position
 * under the same rules the self-play validator uses. A declared result that differs from the count
 * is refused, so that a worker which counts differently is noticed rather than silently overruled.
 *
 * <p>What this does not prove is that the moves came from the two networks' searches: a contributor
 * can still upload a legal game of its own making. That is what the spread of a candidate's games
 * over contributors and the test of each contributor against the others are for ({@link
 * ContributorSpread}).
 */
public final class RatingGameCheck {

  private RatingGameCheck() {}

  /**
   * The most moves a rating game may have on a board of {@code points} points (passes included).
   */
  public static int maxMoves(int points) {
    return 4 * points + 2;
  }

  /** A replayed game: the candidate's outcome and the counted result. */
  public record Checked(Result outcome, GameResult result) {}

  /**
   * Replays {@code moves} (GTP vertices) and counts the final position.
   *
   * @param declared the result the worker wrote ({@code B+3.5}, {@code W+0.5}, {@code 0}), or null
   * @throws IllegalArgumentException naming what is wrong: a move that does not parse, an illegal
   *     move, moves after the end, a game that does not end with two passes, too many moves, or a
   *     declared result other than the count
   */
  public static Checked check(
      int size, Rules rules, Color candidate, List<String> moves, String declared) {
    if (moves == null || moves.isEmpty()) {
      throw new IllegalArgumentException(
          "no moves: a rating game is its record (every move, both passes at the end)");
    }
    int max = maxMoves(size * size);
    if (moves.size() > max) {
      throw new IllegalArgumentException(
          moves.size() + " moves, at most " + max + " on " + size + "x" + size);
    }
    Game game = new Game(size, rules);
    for (int i = 0; i < moves.size(); i++) {
      if (game.isOver()) {
        throw new IllegalArgumentException(
            "move " + i + " comes after the game ended with two passes at move " + (i - 1));
      }
      String vertex = moves.get(i);
      if (vertex == null || vertex.length() > 8) {
        throw new IllegalArgumentException("move " + i + " is not a GTP vertex");
      }
      Move move;
      try {
        move = Move.parseGtp(vertex, size);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("move " + i + ": " + e.getMessage(), e);
      }
      Color mover = game.toMove();
      Legality legality = game.play(move);
      if (!legality.isLegal()) {
        throw new IllegalArgumentException(
            "move " + i + " (" + mover.letter() + " " + moves.get(i) + ") is illegal: " + legality);
      }
    }
    if (!game.isOver()) {
      throw new IllegalArgumentException(
          "the game does not end with two passes: rating games are played out and counted");
    }
    GameResult counted = game.result();
    if (declared != null) {
      GameResult claimed;
      try {
        claimed = GameResult.parse(declared);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("result: " + e.getMessage(), e);
      }
      if (!claimed.equals(counted)) {
        throw new IllegalArgumentException(
            "declared " + claimed + " but the final position counts " + counted);
      }
    }
    return new Checked(Result.of(counted.valueFor(candidate)), counted);
  }
}
