package org.tengen.worker.gtp;

import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.go.PassAlive;

/**
 * Which chains are dead at the end of a game, as referees ask with {@code final_status_list}: a
 * chain Benson's algorithm proves pass-alive is alive, one inside the opponent's pass-alive
 * territory is dead, and any other chain is dead when the network's ownership of its stones, on
 * average, is the opponent's.
 *
 * @param dead the dead chains, each a list of its stones
 * @param alive the living chains
 */
record DeadStones(List<List<Move>> dead, List<List<Move>> alive) {

  /**
   * @param board the position
   * @param blackOwnership the network's ownership of each point, row-major from the top left, +1
   *     black's
   */
  static DeadStones of(Board board, float[] blackOwnership) {
    int size = board.size();
    int[] passAlive = PassAlive.ownership(board);
    boolean[] done = new boolean[board.locCount()];
    List<List<Move>> dead = new ArrayList<>();
    List<List<Move>> alive = new ArrayList<>();
    for (int p = 0; p < size * size; p++) {
      int loc = board.locOfPoint(p);
      byte c = board.get(loc);
      if (c == Board.EMPTY || done[board.chainHead(loc)]) {
        continue;
      }
      done[board.chainHead(loc)] = true;
      int sign = c == Board.BLACK ? 1 : -1;
      List<Move> stones = new ArrayList<>();
      double owned = 0;
      int proven = 0; // +1 pass-alive, -1 in the opponent's pass-alive territory
      int stone = loc;
      do {
        int point = board.pointIndex(stone);
        stones.add(board.move(stone));
        owned += sign * blackOwnership[point];
        if (passAlive[point] != 0) {
          proven = passAlive[point] == sign ? 1 : -1;
        }
        stone = board.nextInChain(stone);
      } while (stone != loc);
      boolean isDead = proven != 0 ? proven < 0 : owned < 0;
      stones.sort((a, b) -> a.y() != b.y() ? Integer.compare(b.y(), a.y()) : a.x() - b.x());
      (isDead ? dead : alive).add(stones);
    }
    return new DeadStones(dead, alive);
  }

  /** Whether any dead chain is of this colour. */
  boolean anyDead(Color color, Board board) {
    byte code = color == Color.BLACK ? Board.BLACK : Board.WHITE;
    for (List<Move> chain : dead) {
      if (board.get(board.loc(chain.get(0))) == code) {
        return true;
      }
    }
    return false;
  }

  /** The board with the dead chains taken off. */
  Board withoutDead(Board board) {
    Board b = board.copy();
    for (List<Move> chain : dead) {
      for (Move m : chain) {
        b.setStone(b.loc(m), Board.EMPTY);
      }
    }
    return b;
  }
}
