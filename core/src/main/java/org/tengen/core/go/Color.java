package org.tengen.core.go;

/** A player, and the colour of that player's stones. */
public enum Color {
  BLACK,
  WHITE;

  /** The other player. */
  public Color opponent() {
    return this == BLACK ? WHITE : BLACK;
  }

  /** The cell code of this colour's stones on a {@link Board}. */
  public byte code() {
    return this == BLACK ? Board.BLACK : Board.WHITE;
  }

  /** {@code X} for black, {@code O} for white: the letters of the text boards. */
  public char symbol() {
    return this == BLACK ? 'X' : 'O';
  }

  /** {@code B} or {@code W}, as in SGF properties and results. */
  public char letter() {
    return this == BLACK ? 'B' : 'W';
  }

  /** +1 for black, -1 for white: the sign that turns black's view into this player's. */
  public int sign() {
    return this == BLACK ? 1 : -1;
  }

  /** The colour of a board cell code; fails on empty or wall cells. */
  public static Color ofCode(byte code) {
    return switch (code) {
      case Board.BLACK -> BLACK;
      case Board.WHITE -> WHITE;
      default -> throw new IllegalArgumentException("cell code " + code + " is not a stone");
    };
  }
}
