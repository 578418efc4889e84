package org.tengen.core.go;

import java.util.SplittableRandom;

/**
 * Light random playouts: uniformly random legal moves that do not fill the mover's own eye-like
 * points ({@link Board#isEyeLike}), passing when none is left. The policy of the playout benchmarks
 * and of the random games in tests and demos.
 */
public final class Playout {

  private Playout() {}

  /**
   * A random move for the player to move under the game's rules, or {@link Board#NONE} to pass.
   * Candidates are drawn from the empty points without replacement, so the cost is proportional to
   * the number of points tried.
   */
  public static int randomMove(Game game, SplittableRandom random, int[] scratch) {
    Board board = game.board();
    byte pla = game.toMove().code();
    int n = board.emptyCount();
    for (int i = 0; i < n; i++) {
      scratch[i] = board.emptyAt(i);
    }
    while (n > 0) {
      int k = random.nextInt(n);
      int loc = scratch[k];
      if (!board.isEyeLike(loc, pla) && game.isLegal(loc)) {
        return loc;
      }
      scratch[k] = scratch[--n];
    }
    return Board.NONE;
  }

  /**
   * The same on a bare board under simple ko with suicide forbidden: the fastest path, for the
   * board-level benchmark.
   */
  public static int randomMove(Board board, byte pla, SplittableRandom random, int[] scratch) {
    int n = board.emptyCount();
    for (int i = 0; i < n; i++) {
      scratch[i] = board.emptyAt(i);
    }
    while (n > 0) {
      int k = random.nextInt(n);
      int loc = scratch[k];
      if (!board.isEyeLike(loc, pla) && board.isLegal(loc, pla, false)) {
        return loc;
      }
      scratch[k] = scratch[--n];
    }
    return Board.NONE;
  }

  /**
   * Plays random moves until two passes or {@code maxMoves} moves; returns the number of moves
   * played.
   */
  public static int playOut(Game game, SplittableRandom random, int maxMoves) {
    int[] scratch = new int[game.size() * game.size()];
    int played = 0;
    while (!game.isOver() && played < maxMoves) {
      game.playAssumeLegal(randomMove(game, random, scratch));
      played++;
    }
    return played;
  }
}
