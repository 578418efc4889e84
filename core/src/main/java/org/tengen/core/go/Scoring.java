package org.tengen.core.go;

/** How a finished game is counted. Both are area scoring: stones plus surrounded empty points. */
public enum Scoring {
  /**
   * Tromp-Taylor: every stone on the board counts for its owner, and an empty point counts for a
   * player when it reaches only that player's stones.
   */
  TROMP_TAYLOR,
  /**
   * Area scoring with the dead stones taken off, as players agree on them: the chains that seeded
   * random playouts judge dead ({@link PlayoutDeadStones}, in {@link Game#score}), and stones
   * inside the opponent's pass-alive territory (Benson), count as captured, their points as
   * territory.
   */
  AREA
}
