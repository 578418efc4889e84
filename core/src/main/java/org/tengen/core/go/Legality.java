package org.tengen.core.go;

/** Whether a move may be played, and if not, why. */
public enum Legality {
  LEGAL,
  /** The game has ended (two passes or a resignation). */
  GAME_OVER,
  /** The point is not on this board. */
  OFF_BOARD,
  /** A stone is already there. */
  OCCUPIED,
  /** The move would leave its own chain without liberties, and the rules forbid suicide. */
  SUICIDE,
  /** Immediate recapture of a single stone (simple ko). */
  KO,
  /** The move would repeat an earlier position, which the ko rule forbids. */
  SUPERKO;

  public boolean isLegal() {
    return this == LEGAL;
  }
}
