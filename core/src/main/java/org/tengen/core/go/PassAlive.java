package org.tengen.core.go;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pass-alive stones and territory by Benson's algorithm: what stays as it is even if its owner
 * passes forever and the opponent plays any number of moves.
 *
 * <p>For a colour, a region is a maximal connected set of points without that colour's stones; a
 * region is vital to a bordering chain when each of its empty points is a liberty of that chain.
 * Starting from every chain and every region, chains with fewer than two vital regions are dropped,
 * then regions that border a dropped chain, until nothing changes: the chains left are pass-alive.
 * A region left whose every empty point touches the colour's stones is pass-alive territory: the
 * opponent can make no eye there, and the owner can fill any point of it by extending a pass-alive
 * chain, so opponent stones inside are dead.
 */
public final class PassAlive {

  private PassAlive() {}

  /**
   * Pass-alive ownership of each point, row-major from the top-left: +1 black (a pass-alive black
   * stone, or a point of black's pass-alive territory, including the dead white stones in it), -1
   * white, 0 neither.
   */
  public static int[] ownership(Board board) {
    int size = board.size();
    int[] result = new int[size * size];
    mark(board, Board.BLACK, 1, result);
    mark(board, Board.WHITE, -1, result);
    return result;
  }

  /** Whether every point of the board is owned pass-alive by one player: nothing can change. */
  public static boolean isSettled(Board board) {
    for (int v : ownership(board)) {
      if (v == 0) {
        return false;
      }
    }
    return true;
  }

  private static void mark(Board board, byte pla, int value, int[] result) {
    int size = board.size();
    int n = board.locCount();
    int[] dirs = board.dirs();
    int[] regionOf = new int[n];
    Arrays.fill(regionOf, -1);
    List<int[]> regionPoints = new ArrayList<>();
    List<int[]> regionBorders = new ArrayList<>();
    int[] stack = new int[size * size];
    int[] borderScratch = new int[size * size];
    int[] pointScratch = new int[size * size];

    for (int loc = 0; loc < n; loc++) {
      byte c = board.get(loc);
      if (c == Board.WALL || c == pla || regionOf[loc] >= 0) {
        continue;
      }
      int id = regionPoints.size();
      int top = 0;
      int count = 0;
      int borders = 0;
      stack[top++] = loc;
      regionOf[loc] = id;
      while (top > 0) {
        int s = stack[--top];
        pointScratch[count++] = s;
        for (int d : dirs) {
          int nb = s + d;
          byte nc = board.get(nb);
          if (nc == pla) {
            int hd = board.chainHead(nb);
            boolean known = false;
            for (int i = 0; i < borders; i++) {
              if (borderScratch[i] == hd) {
                known = true;
                break;
              }
            }
            if (!known) {
              borderScratch[borders++] = hd;
            }
          } else if (nc != Board.WALL && regionOf[nb] < 0) {
            regionOf[nb] = id;
            stack[top++] = nb;
          }
        }
      }
      regionPoints.add(Arrays.copyOf(pointScratch, count));
      regionBorders.add(Arrays.copyOf(borderScratch, borders));
    }

    int regions = regionPoints.size();
    // vital[r][i]: region r is vital to its i-th bordering chain.
    boolean[][] vital = new boolean[regions][];
    boolean[] small = new boolean[regions];
    for (int r = 0; r < regions; r++) {
      int[] points = regionPoints.get(r);
      int[] borders = regionBorders.get(r);
      vital[r] = new boolean[borders.length];
      for (int i = 0; i < borders.length; i++) {
        boolean all = true;
        for (int p : points) {
          if (board.get(p) == Board.EMPTY && !touches(board, p, borders[i])) {
            all = false;
            break;
          }
        }
        vital[r][i] = all;
      }
      boolean allTouch = true;
      for (int p : points) {
        if (board.get(p) == Board.EMPTY && !touchesColor(board, p, pla)) {
          allTouch = false;
          break;
        }
      }
      small[r] = allTouch;
    }

    boolean[] alive = new boolean[n];
    for (int loc = 0; loc < n; loc++) {
      if (board.get(loc) == pla && board.chainHead(loc) == loc) {
        alive[loc] = true;
      }
    }
    boolean[] healthy = new boolean[regions];
    Arrays.fill(healthy, true);
    int[] vitalCount = new int[n];
    boolean changed = true;
    while (changed) {
      changed = false;
      Arrays.fill(vitalCount, 0);
      for (int r = 0; r < regions; r++) {
        if (!healthy[r]) {
          continue;
        }
        int[] borders = regionBorders.get(r);
        for (int i = 0; i < borders.length; i++) {
          if (vital[r][i]) {
            vitalCount[borders[i]]++;
          }
        }
      }
      for (int loc = 0; loc < n; loc++) {
        if (alive[loc] && vitalCount[loc] < 2) {
          alive[loc] = false;
          changed = true;
        }
      }
      for (int r = 0; r < regions; r++) {
        if (!healthy[r]) {
          continue;
        }
        for (int hd : regionBorders.get(r)) {
          if (!alive[hd]) {
            healthy[r] = false;
            changed = true;
            break;
          }
        }
      }
    }

    for (int loc = 0; loc < n; loc++) {
      if (board.get(loc) == pla && alive[board.chainHead(loc)]) {
        result[board.pointIndex(loc)] = value;
      }
    }
    for (int r = 0; r < regions; r++) {
      if (healthy[r] && small[r] && regionBorders.get(r).length > 0) {
        for (int p : regionPoints.get(r)) {
          result[board.pointIndex(p)] = value;
        }
      }
    }
  }

  private static boolean touches(Board board, int loc, int chainHead) {
    byte c = board.get(chainHead);
    for (int d : board.dirs()) {
      int nb = loc + d;
      if (board.get(nb) == c && board.chainHead(nb) == chainHead) {
        return true;
      }
    }
    return false;
  }

  private static boolean touchesColor(Board board, int loc, byte pla) {
    for (int d : board.dirs()) {
      if (board.get(loc + d) == pla) {
        return true;
      }
    }
    return false;
  }
}
