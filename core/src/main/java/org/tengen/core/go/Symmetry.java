package org.tengen.core.go;

/**
 * The 8 symmetries of a square board (the dihedral group of order 8): an optional transpose (x, y)
 * → (y, x), then an optional mirror of x, then an optional mirror of y. Rotations are named as they
 * look on a board drawn with the top row first.
 *
 * <p>Policies keep the pass last; ownership maps and boards are row-major planes of {@code size²}
 * points, as everywhere in Tengen.
 */
public enum Symmetry {
  IDENTITY(false, false, false),
  MIRROR_TOP_BOTTOM(false, false, true),
  MIRROR_LEFT_RIGHT(false, true, false),
  ROTATE_180(false, true, true),
  TRANSPOSE(true, false, false),
  ROTATE_COUNTERCLOCKWISE(true, false, true),
  ROTATE_CLOCKWISE(true, true, false),
  ANTI_TRANSPOSE(true, true, true);

  private static final Symmetry[] VALUES = values();
  private static final int[][][] INDEX_MAPS = new int[VALUES.length][Board.MAX_SIZE + 1][];

  static {
    for (Symmetry s : VALUES) {
      for (int size = 1; size <= Board.MAX_SIZE; size++) {
        int[] map = new int[size * size];
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            map[y * size + x] = s.applyToIndex(x, y, size);
          }
        }
        INDEX_MAPS[s.ordinal()][size] = map;
      }
    }
  }

  private final boolean transpose;
  private final boolean mirrorX;
  private final boolean mirrorY;

  Symmetry(boolean transpose, boolean mirrorX, boolean mirrorY) {
    this.transpose = transpose;
    this.mirrorX = mirrorX;
    this.mirrorY = mirrorY;
  }

  /** The symmetry with the given ordinal 0..7 (as drawn at random for training and search). */
  public static Symmetry of(int ordinal) {
    return VALUES[ordinal];
  }

  /** {@code n} times the identity: a batch of positions each seen as it is. */
  public static Symmetry[] identities(int n) {
    Symmetry[] s = new Symmetry[n];
    java.util.Arrays.fill(s, IDENTITY);
    return s;
  }

  private int applyToIndex(int x, int y, int size) {
    int nx = transpose ? y : x;
    int ny = transpose ? x : y;
    if (mirrorX) {
      nx = size - 1 - nx;
    }
    if (mirrorY) {
      ny = size - 1 - ny;
    }
    return ny * size + nx;
  }

  /** For each row-major point index, the index it moves to. Shared: do not modify. */
  public int[] indexMap(int size) {
    checkSize(size);
    return INDEX_MAPS[ordinal()][size];
  }

  /** The image of a move; the pass stays a pass. */
  public Move apply(Move move, int size) {
    if (move.isPass()) {
      return move;
    }
    return Move.ofIndex(indexMap(size)[move.index(size)], size);
  }

  /** The symmetry that undoes this one. */
  public Symmetry inverse() {
    for (Symmetry s : VALUES) {
      if (compose(s) == IDENTITY) {
        return s;
      }
    }
    throw new AssertionError("the dihedral group has inverses");
  }

  /** The symmetry equal to applying this one, then {@code then}. */
  public Symmetry compose(Symmetry then) {
    int size = 3; // any size > 2 tells the eight apart
    int[] first = indexMap(size);
    int[] second = then.indexMap(size);
    outer:
    for (Symmetry s : VALUES) {
      int[] candidate = s.indexMap(size);
      for (int i = 0; i < first.length; i++) {
        if (candidate[i] != second[first[i]]) {
          continue outer;
        }
      }
      return s;
    }
    throw new AssertionError("the dihedral group is closed");
  }

  /** A plane of {@code size²} values moved by this symmetry. */
  public float[] applyToPlane(float[] plane, int size) {
    int[] map = indexMap(size);
    checkLength(plane.length, size * size, "plane");
    float[] out = new float[plane.length];
    for (int i = 0; i < map.length; i++) {
      out[map[i]] = plane[i];
    }
    return out;
  }

  /** A policy of {@code size² + 1} values (pass last) moved by this symmetry. */
  public float[] applyToPolicy(float[] policy, int size) {
    int[] map = indexMap(size);
    checkLength(policy.length, size * size + 1, "policy");
    float[] out = new float[policy.length];
    for (int i = 0; i < map.length; i++) {
      out[map[i]] = policy[i];
    }
    out[map.length] = policy[map.length];
    return out;
  }

  /** A board string of {@code size²} characters moved by this symmetry. */
  public String applyToBoard(String board, int size) {
    int[] map = indexMap(size);
    checkLength(board.length(), size * size, "board");
    char[] out = new char[board.length()];
    for (int i = 0; i < map.length; i++) {
      out[map[i]] = board.charAt(i);
    }
    return new String(out);
  }

  private static void checkSize(int size) {
    if (size < 1 || size > Board.MAX_SIZE) {
      throw new IllegalArgumentException("board size " + size + " is outside 1.." + Board.MAX_SIZE);
    }
  }

  private static void checkLength(int length, int expected, String what) {
    if (length != expected) {
      throw new IllegalArgumentException(
          what + " has " + length + " entries, expected " + expected);
    }
  }
}
