package org.tengen.network.vector;

/**
 * The matrices of Winograd's minimal filtering F(m x m, 3x3) (Lavin and Gray, arXiv 1509.09308),
 * built by the Toom-Cook construction from {@code m + 1} finite interpolation points and the point
 * at infinity: {@code Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A} for a tile d of {@code (m + 2)²} inputs and a
 * 3x3 filter g. Small integers as points keep the transforms to additions and small multiples.
 */
record ToomCook(int m, double[][] at, double[][] g, double[][] bt) {

  /** The points used for each tile size: 0, ±1, ±2, then ±1/2, in turn. */
  private static final double[] POINTS = {0, 1, -1, 2, -2, 0.5, -0.5};

  /**
   * The largest tile size {@link #bestTile} picks: F(5x5) does 13% fewer multiplications than
   * F(4x4) on 19x19 and than F(3x3) on 9x9, and 23% fewer than F(4x4) on 13x13; with its larger
   * transforms it measured 2–6%, 10–16% and 4–11% faster on 9x9, 13x13 and 19x19. Its rounding
   * error is about twice F(4x4)'s (a few millionths on the loop's networks). {@code
   * -Dtengen.winograd.maxTile=4} goes back, for measuring.
   */
  static final int MAX_TILE =
      Math.max(2, Math.min(5, Integer.getInteger("tengen.winograd.maxTile", 5)));

  /** Inputs per tile side. */
  int n() {
    return m + 2;
  }

  static ToomCook of(int m) {
    if (m < 2 || m > POINTS.length - 1) {
      throw new IllegalArgumentException("tiles of " + m + " outputs are not supported");
    }
    int n = m + 2;
    double[] p = java.util.Arrays.copyOf(POINTS, n - 1);
    double[][] at = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n - 1; j++) {
        at[i][j] = Math.pow(p[j], i);
      }
      at[i][n - 1] = i == m - 1 ? 1 : 0;
    }
    double[][] g = new double[n][3];
    for (int j = 0; j < n - 1; j++) {
      double f = 1;
      for (int l = 0; l < n - 1; l++) {
        if (l != j) {
          f *= p[j] - p[l];
        }
      }
      for (int k = 0; k < 3; k++) {
        g[j][k] = Math.pow(p[j], k) / f;
      }
    }
    g[n - 1][2] = 1;
    // Row j of Bᵀ: the coefficients (lowest power first) of the product of (x - p_l) over the
    // finite points other than p_j; the last row, over all of them.
    double[][] bt = new double[n][];
    for (int j = 0; j < n; j++) {
      double[] poly = {1};
      for (int l = 0; l < n - 1; l++) {
        if (l != j) {
          poly = times(poly, -p[l]);
        }
      }
      bt[j] = java.util.Arrays.copyOf(poly, n);
    }
    return new ToomCook(m, at, g, bt);
  }

  /** {@code poly · (x + c)}. */
  private static double[] times(double[] poly, double c) {
    double[] out = new double[poly.length + 1];
    for (int i = 0; i < poly.length; i++) {
      out[i] += c * poly[i];
      out[i + 1] += poly[i];
    }
    return out;
  }

  /**
   * The tile size that needs the fewest multiplications for a {@code size} board: each tile costs
   * {@code (m + 2)²} of them, and a board is covered by {@code ceil(size / m)²} tiles (F(5x5) on
   * 9x9, 13x13 and 19x19: 196, 441 and 784 per channel pair, where F(3x3), F(4x4) and F(4x4) take
   * 225, 576 and 900; F(4x4) on 7x7).
   */
  static int bestTile(int size) {
    int best = 4;
    long bestCost = Long.MAX_VALUE;
    for (int m = 2; m <= MAX_TILE; m++) {
      long tiles = (size + m - 1) / m;
      long cost = tiles * tiles * (m + 2) * (m + 2);
      if (cost < bestCost || (cost == bestCost && m > best)) {
        best = m;
        bestCost = cost;
      }
    }
    return best;
  }
}
