package org.tengen.core.sgf;

/** Malformed SGF, with the line and column (both from 1) where the problem was found. */
public final class SgfException extends IllegalArgumentException {
  private final int line;
  private final int column;

  public SgfException(int line, int column, String message) {
    super("SGF line " + line + ", column " + column + ": " + message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
