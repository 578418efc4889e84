package org.tengen.core.go;

/**
 * A move: a point given by column {@code x} (0 = left, GTP letter A) and row {@code y} (0 = top,
 * the highest GTP row number), or a pass. The same (x, y) convention is used by boards, policies,
 * ownership maps and SGF (whose "aa" is the top-left point).
 */
public record Move(int x, int y) {

  /** The pass move. */
  public static final Move PASS = new Move(-1, -1);

  /** GTP column letters: A..Z without I, so 25 columns at most. */
  private static final String GTP_COLUMNS = "ABCDEFGHJKLMNOPQRSTUVWXYZ";

  public Move {
    boolean pass = x == -1 && y == -1;
    if (!pass && (x < 0 || y < 0 || x >= Board.MAX_SIZE || y >= Board.MAX_SIZE)) {
      throw new IllegalArgumentException("move (" + x + ", " + y + ") is off every board");
    }
  }

  public static Move of(int x, int y) {
    return new Move(x, y);
  }

  public boolean isPass() {
    return x < 0;
  }

  /** Whether the point lies on a board of the given size (a pass lies on every board). */
  public boolean isOn(int size) {
    return isPass() || (x < size && y < size);
  }

  /** The policy index of this move: {@code y * size + x}, and {@code size²} for a pass. */
  public int index(int size) {
    return isPass() ? size * size : y * size + x;
  }

  /** The move of a policy index; {@code size²} is the pass. */
  public static Move ofIndex(int index, int size) {
    if (index == size * size) {
      return PASS;
    }
    if (index < 0 || index > size * size) {
      throw new IllegalArgumentException(
          "index " + index + " is outside 0.." + size * size + " for size " + size);
    }
    return new Move(index % size, index / size);
  }

  /** GTP vertex, e.g. {@code D4}, {@code pass}. */
  public String toGtp(int size) {
    if (isPass()) {
      return "pass";
    }
    checkOn(size);
    return GTP_COLUMNS.charAt(x) + Integer.toString(size - y);
  }

  /**
   * Parses a GTP vertex ({@code Q16}, {@code q16}, {@code pass}); the column letter I does not
   * exist in GTP.
   */
  public static Move parseGtp(String vertex, int size) {
    String v = vertex.trim();
    if (v.equalsIgnoreCase("pass")) {
      return PASS;
    }
    if (v.length() < 2 || v.length() > 3) {
      throw new IllegalArgumentException("'" + vertex + "' is not a GTP vertex");
    }
    char letter = Character.toUpperCase(v.charAt(0));
    int x = GTP_COLUMNS.indexOf(letter);
    if (x < 0) {
      throw new IllegalArgumentException(
          "'" + vertex + "' has no GTP column '" + v.charAt(0) + "' (A..T without I)");
    }
    int row;
    try {
      row = Integer.parseInt(v.substring(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + vertex + "' has no row number");
    }
    if (!Character.isDigit(v.charAt(1)) || (v.length() == 3 && v.charAt(1) == '0')) {
      throw new IllegalArgumentException("'" + vertex + "' has a malformed row number");
    }
    if (x >= size || row < 1 || row > size) {
      throw new IllegalArgumentException(
          "'" + vertex + "' is off a " + size + "x" + size + " board");
    }
    return new Move(x, size - row);
  }

  /**
   * SGF point, e.g. {@code dp}; a pass is the empty value (FF[4]). Callers that write for FF[3]
   * readers may write {@code tt} for a pass on boards up to 19.
   */
  public String toSgf(int size) {
    if (isPass()) {
      return "";
    }
    checkOn(size);
    return "" + (char) ('a' + x) + (char) ('a' + y);
  }

  /** Parses an SGF point; the empty value, and {@code tt} on boards up to 19, are passes. */
  public static Move parseSgf(String value, int size) {
    if (value.isEmpty() || (size <= 19 && value.equals("tt"))) {
      return PASS;
    }
    if (value.length() != 2) {
      throw new IllegalArgumentException("'" + value + "' is not an SGF point");
    }
    int x = value.charAt(0) - 'a';
    int y = value.charAt(1) - 'a';
    if (x < 0 || y < 0 || x >= size || y >= size) {
      throw new IllegalArgumentException(
          "'" + value + "' is off a " + size + "x" + size + " board");
    }
    return new Move(x, y);
  }

  private void checkOn(int size) {
    if (!isOn(size)) {
      throw new IllegalArgumentException(this + " is off a " + size + "x" + size + " board");
    }
  }

  @Override
  public String toString() {
    return isPass() ? "pass" : "(" + x + "," + y + ")";
  }
}
