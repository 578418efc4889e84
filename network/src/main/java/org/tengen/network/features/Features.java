package org.tengen.network.features;

import java.util.Arrays;
import java.util.List;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.KoRule;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.go.Symmetry;
import org.tengen.core.shard.TrainingShard;

/**
 * The network's input, feature version 1: {@link #SPATIAL} planes over the board and {@link
 * #GLOBAL} scalars, everything from the view of the player to move. The same encoder serves search
 * (from a {@link Game}) and training (from a {@link TrainingShard} row), so the two can never
 * disagree. {@code docs/formats.md} lists the planes.
 *
 * <p>A position is drawn on a square canvas of side {@code canvas ≥ size}, the board in the
 * top-left corner; plane 0 marks the board's points, and everything off the board is 0. One set of
 * weights thus serves every board size, and positions of different sizes share a batch.
 */
public final class Features {

  public static final int VERSION = 1;
  public static final int SPATIAL = 16;
  public static final int GLOBAL = 11;
  public static final int HISTORY = TrainingShard.HISTORY;

  /** Komi is divided by this so that typical values land near ±0.4. */
  static final float KOMI_SCALE = 20f;

  private Features() {}

  /**
   * What the encoder needs of a position.
   *
   * @param koPoint point index the player to move may not take back at once, or -1
   * @param lastMoves point indices of the last moves, newest first, {@code size²} for a pass, -1
   *     for none; length {@link #HISTORY}
   */
  public record Position(Board board, Color toMove, int koPoint, int[] lastMoves, Rules rules) {}

  /** The position of a game, before its next move. */
  public static Position of(Game game) {
    Board board = game.board();
    int size = game.size();
    int[] last = new int[HISTORY];
    Arrays.fill(last, -1);
    List<Move> moves = game.moves();
    for (int h = 0; h < HISTORY && h < moves.size(); h++) {
      last[h] = moves.get(moves.size() - 1 - h).index(size);
    }
    int ko = board.koLoc() == Board.NONE ? -1 : board.pointIndex(board.koLoc());
    return new Position(board, game.toMove(), ko, last, game.rules());
  }

  /** The position of a shard row. */
  public static Position of(TrainingShard shard, int row) {
    int size = shard.boardSize();
    int s2 = size * size;
    Board board =
        Board.fromStones(Arrays.copyOfRange(shard.stones(), row * s2, (row + 1) * s2), size);
    int[] last = new int[HISTORY];
    for (int h = 0; h < HISTORY; h++) {
      last[h] = shard.lastMoves()[row * HISTORY + h];
    }
    Rules rules =
        new Rules(
            shard.koRuleAt(row),
            shard.scoringAt(row),
            shard.suicide()[row] == 1,
            shard.komi()[row]);
    Color toMove = shard.toMove()[row] == 1 ? Color.BLACK : Color.WHITE;
    return new Position(board, toMove, shard.koPoint()[row], last, rules);
  }

  /**
   * Writes the planes {@code [SPATIAL][canvas][canvas]} at {@code spatial[spatialOffset…]} and the
   * scalars at {@code global[globalOffset…]}, with the board moved by {@code symmetry}. Every cell
   * of the canvas is written (zeros included), so buffers may be reused.
   */
  public static void encode(
      Position pos,
      Symmetry symmetry,
      int canvas,
      float[] spatial,
      int spatialOffset,
      float[] global,
      int globalOffset) {
    Board board = pos.board();
    int size = board.size();
    if (canvas < size) {
      throw new IllegalArgumentException("canvas " + canvas + " is smaller than the board " + size);
    }
    int plane = canvas * canvas;
    Arrays.fill(spatial, spatialOffset, spatialOffset + SPATIAL * plane, 0f);
    int[] map = symmetry.indexMap(size);
    byte own = pos.toMove().code();
    byte opp = pos.toMove().opponent().code();
    for (int p = 0; p < size * size; p++) {
      int q = map[p];
      int cell = spatialOffset + (q / size) * canvas + (q % size);
      int loc = board.locOfPoint(p);
      byte c = board.get(loc);
      spatial[cell] = 1f; // on the board
      if (c == Board.EMPTY) {
        spatial[cell + 3 * plane] = 1f;
      } else {
        boolean mine = c == own;
        spatial[cell + (mine ? 1 : 2) * plane] = 1f;
        int libs = Math.min(3, board.liberties(loc));
        spatial[cell + ((mine ? 3 : 6) + libs) * plane] = 1f;
      }
    }
    if (pos.koPoint() >= 0) {
      spatial[cellOf(map[pos.koPoint()], size, canvas, spatialOffset) + 10 * plane] = 1f;
    }
    for (int h = 0; h < HISTORY; h++) {
      int m = pos.lastMoves()[h];
      if (m >= 0 && m < size * size) {
        spatial[cellOf(map[m], size, canvas, spatialOffset) + (11 + h) * plane] = 1f;
      }
    }
    Rules rules = pos.rules();
    // Komi from the mover's view: what the mover gets (white gets komi, black gives it).
    float komi = (float) rules.komi() * (pos.toMove() == Color.WHITE ? 1 : -1);
    int g = globalOffset;
    global[g] = komi / KOMI_SCALE;
    global[g + 1] = rules.koRule() == KoRule.SIMPLE ? 1 : 0;
    global[g + 2] = rules.koRule() == KoRule.POSITIONAL ? 1 : 0;
    global[g + 3] = rules.koRule() == KoRule.SITUATIONAL ? 1 : 0;
    global[g + 4] = rules.suicideAllowed() ? 1 : 0;
    global[g + 5] = rules.scoring() == Scoring.TROMP_TAYLOR ? 1 : 0;
    for (int h = 0; h < HISTORY; h++) {
      global[g + 6 + h] = pos.lastMoves()[h] == size * size ? 1 : 0;
    }
  }

  private static int cellOf(int q, int size, int canvas, int offset) {
    return offset + (q / size) * canvas + (q % size);
  }
}
