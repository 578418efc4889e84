package org.tengen.worker.gtp;

import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Move;

/**
 * GTP's fixed handicap placement (the protocol's own table): star points on the third line for
 * boards 7 to 12 and the fourth from 13 up; at most 4 stones on 7x7 and even boards (which have no
 * centre line), 9 on odd boards from 9x9; none below 7x7.
 */
final class Handicap {

  private Handicap() {}

  /** The most fixed handicap stones a board of this size takes (0: none). */
  static int maxFixed(int size) {
    if (size < 7) {
      return 0;
    }
    return size == 7 || size % 2 == 0 ? 4 : 9;
  }

  /**
   * The fixed placement of {@code stones} handicap stones.
   *
   * @throws IllegalArgumentException when the board takes no such handicap
   */
  static List<Move> fixed(int size, int stones) {
    int max = maxFixed(size);
    if (stones < 2 || stones > max) {
      throw new IllegalArgumentException(
          max == 0
              ? "a " + size + "x" + size + " board has no fixed handicap"
              : "a " + size + "x" + size + " board takes 2 to " + max + " fixed handicap stones");
    }
    int edge = size >= 13 ? 4 : 3;
    int low = edge - 1;
    int high = size - edge;
    int mid = size / 2;
    // (x, y) with y = 0 the top row: D4 is (low, high) on every board.
    Move lowerLeft = Move.of(low, high);
    Move upperRight = Move.of(high, low);
    Move upperLeft = Move.of(low, low);
    Move lowerRight = Move.of(high, high);
    Move left = Move.of(low, mid);
    Move right = Move.of(high, mid);
    Move bottom = Move.of(mid, high);
    Move top = Move.of(mid, low);
    Move centre = Move.of(mid, mid);
    List<Move> points = new ArrayList<>(List.of(lowerLeft, upperRight));
    if (stones >= 3) {
      points.add(upperLeft);
    }
    if (stones >= 4) {
      points.add(lowerRight);
    }
    if (stones >= 6) {
      points.add(left);
      points.add(right);
    }
    if (stones >= 8) {
      points.add(bottom);
      points.add(top);
    }
    if (stones % 2 == 1 && stones >= 5) {
      points.add(centre);
    }
    return points;
  }
}
