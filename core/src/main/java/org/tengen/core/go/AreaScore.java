package org.tengen.core.go;

/**
 * The count of a position under area scoring: each player's stones and territory, komi, and the
 * ownership of every point.
 *
 * @param ownership row-major from the top-left, from black's view: +1 black's, -1 white's, 0
 *     neither (dame, and the shared liberties of a seki)
 */
public record AreaScore(
    int blackStones,
    int whiteStones,
    int blackTerritory,
    int whiteTerritory,
    double komi,
    int[] ownership) {

  public int blackArea() {
    return blackStones + blackTerritory;
  }

  public int whiteArea() {
    return whiteStones + whiteTerritory;
  }

  /** Black's area minus white's area minus komi. */
  public double blackMargin() {
    return blackArea() - whiteArea() - komi;
  }

  public GameResult result() {
    return GameResult.ofBlackMargin(blackMargin());
  }

  /**
   * Counts a position. Under {@link Scoring#AREA}, stones inside the opponent's pass-alive
   * territory are counted as captured; under {@link Scoring#TROMP_TAYLOR} every stone counts.
   */
  public static AreaScore count(Board board, Scoring scoring, double komi) {
    int size = board.size();
    int points = size * size;
    // cells[p]: 1 black, 2 white, 0 empty, after removing pass-dead stones.
    byte[] cells = new byte[points];
    int[] owner = new int[points];
    int[] passAlive = scoring == Scoring.AREA ? PassAlive.ownership(board) : null;
    int bs = 0, ws = 0, bt = 0, wt = 0;
    for (int p = 0; p < points; p++) {
      byte c = board.get(board.locOfPoint(p));
      if (passAlive != null && c != Board.EMPTY && passAlive[p] != 0) {
        int expected = c == Board.BLACK ? 1 : -1;
        if (passAlive[p] != expected) {
          c = Board.EMPTY; // a dead stone inside the other player's pass-alive territory
        }
      }
      cells[p] = c;
      if (c == Board.BLACK) {
        bs++;
        owner[p] = 1;
      } else if (c == Board.WHITE) {
        ws++;
        owner[p] = -1;
      }
    }
    boolean[] seen = new boolean[points];
    int[] stack = new int[points];
    int[] region = new int[points];
    for (int p = 0; p < points; p++) {
      if (cells[p] != Board.EMPTY || seen[p]) {
        continue;
      }
      int top = 0, count = 0;
      boolean reachesBlack = false, reachesWhite = false;
      stack[top++] = p;
      seen[p] = true;
      while (top > 0) {
        int q = stack[--top];
        region[count++] = q;
        int x = q % size, y = q / size;
        for (int k = 0; k < 4; k++) {
          int nx = x + (k == 0 ? -1 : k == 1 ? 1 : 0);
          int ny = y + (k == 2 ? -1 : k == 3 ? 1 : 0);
          if (nx < 0 || ny < 0 || nx >= size || ny >= size) {
            continue;
          }
          int r = ny * size + nx;
          byte c = cells[r];
          if (c == Board.BLACK) {
            reachesBlack = true;
          } else if (c == Board.WHITE) {
            reachesWhite = true;
          } else if (!seen[r]) {
            seen[r] = true;
            stack[top++] = r;
          }
        }
      }
      if (reachesBlack != reachesWhite) {
        int v = reachesBlack ? 1 : -1;
        for (int i = 0; i < count; i++) {
          owner[region[i]] = v;
        }
        if (reachesBlack) {
          bt += count;
        } else {
          wt += count;
        }
      }
    }
    return new AreaScore(bs, ws, bt, wt, komi, owner);
  }
}
