package org.tengen.core.go;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A square Go board of size 2..19 over a padded one-dimensional array, after KataGo's board.h.
 *
 * <p>A location ({@code loc}) is {@code (y + 1) * stride + (x + 1)} with {@code stride = size + 1}:
 * the padding column on the right of a row is the padding column on the left of the next, so each
 * point has its four neighbours at {@code loc ± 1} and {@code loc ± stride}, and every off-board
 * neighbour is a {@link #WALL} cell. Stones of one chain form a circular list through {@code
 * nextStone}; each stone points at its chain's head, and the head holds the chain's stone count and
 * its exact number of liberties. All of this is kept up to date on every move, so legality and
 * atari tests are O(1).
 *
 * <p>The board knows the simple-ko point but no history, no side to move and no superko: those live
 * in {@link Game}. Search copies boards ({@link #copy()}, {@link #copyFrom(Board)}) instead of
 * undoing moves: a copy is a handful of {@code System.arraycopy} calls over ~400 cells, cheaper and
 * simpler than recording what each move captured. Not thread-safe.
 *
 * <p>One class of about 800 lines on purpose: the chain lists, liberty counts and hash are updated
 * together by every move and checked together by {@link #checkConsistency}, and the move loop is
 * the hottest code of self-play; split across classes, each invariant would span files.
 */
public final class Board {

  /** The largest supported board. */
  public static final int MAX_SIZE = 19;

  /** The smallest supported board. */
  public static final int MIN_SIZE = 2;

  public static final byte EMPTY = 0;
  public static final byte BLACK = 1;
  public static final byte WHITE = 2;
  public static final byte WALL = 3;

  /** The location that stands for "no location" (no ko point, no chain). */
  public static final int NONE = -1;

  private static final int MAX_LOCS = (MAX_SIZE + 2) * (MAX_SIZE + 1) + 1;

  /** Zobrist keys per cell code (only BLACK and WHITE used) and location. */
  private static final long[][] ZOBRIST = new long[3][MAX_LOCS];

  static {
    SplittableRandom random = new SplittableRandom(0x7e46e5L);
    for (int c = 1; c <= 2; c++) {
      for (int i = 0; i < MAX_LOCS; i++) {
        ZOBRIST[c][i] = random.nextLong();
      }
    }
  }

  private final int size;
  private final int stride;
  private final int[] dirs;
  private final byte[] color;
  private final int[] head;
  private final int[] nextStone;

  /** Indexed by chain head: exact liberty count. */
  private final int[] libs;

  /** Indexed by chain head: number of stones. */
  private final int[] stones;

  /** Empty points, unordered, with each location's index in that list. */
  private final int[] empties;

  private final int[] emptyIndex;
  private int emptyCount;
  private int koLoc = NONE;
  private long hash;
  private final int[] captures = new int[3];

  /** Scratch marks for merges, with a stamp so that clearing is free. */
  private final int[] mark;

  private int stamp;

  /** An empty board. */
  public Board(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "board size " + size + " is outside " + MIN_SIZE + ".." + MAX_SIZE);
    }
    this.size = size;
    this.stride = size + 1;
    this.dirs = new int[] {-stride, -1, 1, stride};
    int n = (size + 2) * stride + 1;
    color = new byte[n];
    head = new int[n];
    nextStone = new int[n];
    libs = new int[n];
    stones = new int[n];
    mark = new int[n];
    empties = new int[size * size];
    emptyIndex = new int[n];
    Arrays.fill(color, WALL);
    Arrays.fill(head, NONE);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int loc = loc(x, y);
        color[loc] = EMPTY;
        emptyIndex[loc] = emptyCount;
        empties[emptyCount++] = loc;
      }
    }
  }

  private Board(Board other) {
    size = other.size;
    stride = other.stride;
    dirs = other.dirs;
    color = other.color.clone();
    head = other.head.clone();
    nextStone = other.nextStone.clone();
    libs = other.libs.clone();
    stones = other.stones.clone();
    empties = other.empties.clone();
    emptyIndex = other.emptyIndex.clone();
    emptyCount = other.emptyCount;
    koLoc = other.koLoc;
    hash = other.hash;
    System.arraycopy(other.captures, 0, captures, 0, 3);
    mark = new int[other.mark.length];
  }

  /** An independent copy. */
  public Board copy() {
    return new Board(this);
  }

  /** Makes this board equal to {@code other} (same size) without allocating. */
  public void copyFrom(Board other) {
    if (other.size != size) {
      throw new IllegalArgumentException("cannot copy a " + other.size + " board into a " + size);
    }
    System.arraycopy(other.color, 0, color, 0, color.length);
    System.arraycopy(other.head, 0, head, 0, head.length);
    System.arraycopy(other.nextStone, 0, nextStone, 0, nextStone.length);
    System.arraycopy(other.libs, 0, libs, 0, libs.length);
    System.arraycopy(other.stones, 0, stones, 0, stones.length);
    System.arraycopy(other.empties, 0, empties, 0, other.emptyCount);
    System.arraycopy(other.emptyIndex, 0, emptyIndex, 0, emptyIndex.length);
    emptyCount = other.emptyCount;
    koLoc = other.koLoc;
    hash = other.hash;
    System.arraycopy(other.captures, 0, captures, 0, 3);
  }

  // ---------------------------------------------------------------- geometry

  public int size() {
    return size;
  }

  /** Distance between vertically adjacent locations. */
  public int stride() {
    return stride;
  }

  /** Length of the location arrays: every loc is in {@code 0..locCount()-1}. */
  public int locCount() {
    return color.length;
  }

  public int loc(int x, int y) {
    return (y + 1) * stride + (x + 1);
  }

  public int x(int loc) {
    return loc % stride - 1;
  }

  public int y(int loc) {
    return loc / stride - 1;
  }

  /** The location of a move, or {@link #NONE} for a pass. */
  public int loc(Move move) {
    if (move.isPass()) {
      return NONE;
    }
    if (!move.isOn(size)) {
      throw new IllegalArgumentException(move + " is off a " + size + "x" + size + " board");
    }
    return loc(move.x(), move.y());
  }

  /** The move at a location; {@link #NONE} is a pass. */
  public Move move(int loc) {
    return loc == NONE ? Move.PASS : Move.of(x(loc), y(loc));
  }

  /** Row-major point index {@code y * size + x} (the policy index) of a location. */
  public int pointIndex(int loc) {
    return y(loc) * size + x(loc);
  }

  /** The location of a point index. */
  public int locOfPoint(int point) {
    return loc(point % size, point / size);
  }

  /** Offsets of the four neighbours: up, left, right, down. Do not modify. */
  int[] dirs() {
    return dirs;
  }

  // ---------------------------------------------------------------- state

  /** The cell code at a location: {@link #EMPTY}, {@link #BLACK}, {@link #WHITE} or WALL. */
  public byte get(int loc) {
    return color[loc];
  }

  /** The cell code at (x, y). */
  public byte get(int x, int y) {
    return color[loc(x, y)];
  }

  /** Whether a location is a point of the board (not padding). */
  public boolean isOnBoard(int loc) {
    return loc >= 0 && loc < color.length && color[loc] != WALL;
  }

  /** Head location of the chain at a stone. */
  public int chainHead(int loc) {
    return head[loc];
  }

  /** Exact liberty count of the chain at a stone. */
  public int liberties(int loc) {
    return libs[head[loc]];
  }

  /** Number of stones of the chain at a stone. */
  public int chainSize(int loc) {
    return stones[head[loc]];
  }

  /** The next stone of the chain, in its circular list. */
  public int nextInChain(int loc) {
    return nextStone[loc];
  }

  /** The point that the simple-ko rule forbids for the player to move, or {@link #NONE}. */
  public int koLoc() {
    return koLoc;
  }

  /** Zobrist hash of the stones (not of the player to move or the ko point). */
  public long hash() {
    return hash;
  }

  /** Stones of the given colour code captured by the other player so far. */
  public int capturedStones(byte colorCode) {
    return captures[colorCode];
  }

  /** Number of empty points. */
  public int emptyCount() {
    return emptyCount;
  }

  /** The i-th empty point, for {@code 0 <= i < emptyCount()}, in no particular order. */
  public int emptyAt(int i) {
    return empties[i];
  }

  /** Number of stones of a colour code on the board. */
  public int stoneCount(byte colorCode) {
    int n = 0;
    for (int i = 0; i < color.length; i++) {
      if (color[i] == colorCode) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- legality

  /**
   * Whether {@code pla} may play at {@code loc} as far as the board knows: the point is empty, not
   * the simple-ko point, and the move is not suicide (unless {@code suicideAllowed}; a single-stone
   * suicide stays illegal because it never changes the position).
   */
  public boolean isLegal(int loc, byte pla, boolean suicideAllowed) {
    if (loc < 0 || loc >= color.length || color[loc] != EMPTY || loc == koLoc) {
      return false;
    }
    if (!isSuicide(loc, pla)) {
      return true;
    }
    return suicideAllowed && !isSingleStoneSuicide(loc, pla);
  }

  /**
   * Whether playing at the empty {@code loc} would leave {@code pla}'s new chain with no liberty.
   */
  public boolean isSuicide(int loc, byte pla) {
    byte opp = (byte) (3 - pla);
    for (int d : dirs) {
      int n = loc + d;
      byte c = color[n];
      if (c == EMPTY) {
        return false;
      }
      if (c == pla) {
        if (libs[head[n]] > 1) {
          return false;
        }
      } else if (c == opp && libs[head[n]] == 1) {
        return false;
      }
    }
    return true;
  }

  private boolean isSingleStoneSuicide(int loc, byte pla) {
    for (int d : dirs) {
      if (color[loc + d] == pla) {
        return false;
      }
    }
    return true;
  }

  /** Whether the move would capture at least one opponent stone. */
  public boolean wouldCapture(int loc, byte pla) {
    byte opp = (byte) (3 - pla);
    for (int d : dirs) {
      int n = loc + d;
      if (color[n] == opp && libs[head[n]] == 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the empty {@code loc} looks like an eye of {@code pla}: every neighbour is {@code pla}
   * or wall, and the opponent holds fewer than two diagonals (none on the edge). Random playouts do
   * not fill such points.
   */
  public boolean isEyeLike(int loc, byte pla) {
    for (int d : dirs) {
      byte c = color[loc + d];
      if (c != pla && c != WALL) {
        return false;
      }
    }
    byte opp = (byte) (3 - pla);
    int s = stride;
    byte c0 = color[loc - s - 1], c1 = color[loc - s + 1];
    byte c2 = color[loc + s - 1], c3 = color[loc + s + 1];
    int bad = (c0 == opp ? 1 : 0) + (c1 == opp ? 1 : 0) + (c2 == opp ? 1 : 0) + (c3 == opp ? 1 : 0);
    boolean edge = c0 == WALL || c1 == WALL || c2 == WALL || c3 == WALL;
    return bad < (edge ? 1 : 2);
  }

  /**
   * The Zobrist hash of the stones after {@code pla} plays the legal move {@code loc}: the new
   * stone, minus captured chains, minus the mover's own chain if the move is suicide.
   */
  public long hashAfter(int loc, byte pla) {
    long h = hash ^ ZOBRIST[pla][loc];
    byte opp = (byte) (3 - pla);
    boolean captured = false;
    int h0 = NONE, h1 = NONE, h2 = NONE;
    for (int d : dirs) {
      int n = loc + d;
      if (color[n] == opp && libs[head[n]] == 1) {
        int hd = head[n];
        if (hd != h0 && hd != h1 && hd != h2) {
          h2 = h1;
          h1 = h0;
          h0 = hd;
          h ^= chainHash(hd);
          captured = true;
        }
      }
    }
    if (!captured && isSuicide(loc, pla)) {
      h ^= ZOBRIST[pla][loc];
      int o0 = NONE, o1 = NONE, o2 = NONE;
      for (int d : dirs) {
        int n = loc + d;
        if (color[n] == pla) {
          int hd = head[n];
          if (hd != o0 && hd != o1 && hd != o2) {
            o2 = o1;
            o1 = o0;
            o0 = hd;
            h ^= chainHash(hd);
          }
        }
      }
    }
    return h;
  }

  private long chainHash(int hd) {
    long h = 0;
    byte c = color[hd];
    int s = hd;
    do {
      h ^= ZOBRIST[c][s];
      s = nextStone[s];
    } while (s != hd);
    return h;
  }

  // ---------------------------------------------------------------- moves

  /** A pass: clears the ko point. */
  public void pass() {
    koLoc = NONE;
  }

  /**
   * Plays {@code pla} at {@code loc}, which must satisfy {@link #isLegal} for the rules in force
   * (suicide allowed or not is the caller's business: a suicide removes the mover's chain).
   *
   * @return the number of stones removed from the board (captured or, for a suicide, the mover's
   *     own)
   */
  public int playAssumeLegal(int loc, byte pla) {
    byte opp = (byte) (3 - pla);
    koLoc = NONE;
    color[loc] = pla;
    hash ^= ZOBRIST[pla][loc];
    removeEmpty(loc);

    // The distinct chains around the new stone each lose loc as a liberty.
    int[] dirs = this.dirs;
    int a0 = NONE, a1 = NONE, a2 = NONE, a3 = NONE;
    int emptyNeighbours = 0;
    for (int d : dirs) {
      int n = loc + d;
      byte c = color[n];
      if (c == EMPTY) {
        emptyNeighbours++;
      } else if (c != WALL) {
        int hd = head[n];
        if (hd != a0 && hd != a1 && hd != a2) {
          libs[hd]--;
          if (a0 == NONE) {
            a0 = hd;
          } else if (a1 == NONE) {
            a1 = hd;
          } else if (a2 == NONE) {
            a2 = hd;
          } else {
            a3 = hd;
          }
        }
      }
    }

    head[loc] = loc;
    nextStone[loc] = loc;
    stones[loc] = 1;
    libs[loc] = emptyNeighbours;
    int mine = loc;
    if (a0 != NONE && color[a0] == pla) {
      mine = merge(mine, a0);
    }
    if (a1 != NONE && color[a1] == pla) {
      mine = merge(mine, a1);
    }
    if (a2 != NONE && color[a2] == pla) {
      mine = merge(mine, a2);
    }
    if (a3 != NONE && color[a3] == pla) {
      mine = merge(mine, a3);
    }

    int removed = 0;
    int lastCaptured = NONE;
    if (a0 != NONE && color[a0] == opp && libs[a0] == 0) {
      lastCaptured = a0;
      removed += removeChain(a0);
    }
    if (a1 != NONE && color[a1] == opp && libs[a1] == 0) {
      lastCaptured = a1;
      removed += removeChain(a1);
    }
    if (a2 != NONE && color[a2] == opp && libs[a2] == 0) {
      lastCaptured = a2;
      removed += removeChain(a2);
    }
    if (a3 != NONE && color[a3] == opp && libs[a3] == 0) {
      lastCaptured = a3;
      removed += removeChain(a3);
    }
    if (removed == 0) {
      if (libs[mine] == 0) {
        return removeChain(mine);
      }
    } else if (removed == 1 && stones[mine] == 1 && libs[mine] == 1) {
      koLoc = lastCaptured;
    }
    return removed;
  }

  /** Plays a move for a player; a pass clears the ko point. Legality as for playAssumeLegal. */
  public int playAssumeLegal(Move move, Color pla) {
    if (move.isPass()) {
      pass();
      return 0;
    }
    return playAssumeLegal(loc(move), pla.code());
  }

  /** Merges two chains of one colour, the smaller into the larger; returns the surviving head. */
  private int merge(int a, int b) {
    int big = a;
    int small = b;
    if (stones[a] < stones[b]) {
      big = b;
      small = a;
    }
    // New liberties: those of the small chain that the big chain does not already touch.
    int st = ++stamp;
    int added = 0;
    int[] dirs = this.dirs;
    int s = small;
    do {
      for (int d : dirs) {
        int e = s + d;
        if (color[e] == EMPTY && mark[e] != st) {
          mark[e] = st;
          if (!touchesChain(e, big)) {
            added++;
          }
        }
      }
      s = nextStone[s];
    } while (s != small);
    // Relabel only after counting: touchesChain must not see small's stones as big's yet.
    do {
      head[s] = big;
      s = nextStone[s];
    } while (s != small);
    libs[big] += added;
    stones[big] += stones[small];
    int t = nextStone[big];
    nextStone[big] = nextStone[small];
    nextStone[small] = t;
    return big;
  }

  private boolean touchesChain(int e, int hd) {
    byte c = color[hd];
    for (int d : dirs) {
      int n = e + d;
      if (color[n] == c && head[n] == hd) {
        return true;
      }
    }
    return false;
  }

  /** Removes a chain; every distinct neighbouring chain gains each freed point as a liberty. */
  private int removeChain(int hd) {
    byte c = color[hd];
    byte other = (byte) (3 - c);
    int[] dirs = this.dirs;
    int count = stones[hd];
    int s = hd;
    do {
      int next = nextStone[s];
      color[s] = EMPTY;
      hash ^= ZOBRIST[c][s];
      head[s] = NONE;
      addEmpty(s);
      int u0 = NONE, u1 = NONE, u2 = NONE;
      for (int d : dirs) {
        int n = s + d;
        if (color[n] == other) {
          int h = head[n];
          if (h != u0 && h != u1 && h != u2) {
            libs[h]++;
            u2 = u1;
            u1 = u0;
            u0 = h;
          }
        }
      }
      s = next;
    } while (s != hd);
    captures[c] += count;
    return count;
  }

  private void removeEmpty(int loc) {
    int i = emptyIndex[loc];
    int last = empties[--emptyCount];
    empties[i] = last;
    emptyIndex[last] = i;
  }

  private void addEmpty(int loc) {
    emptyIndex[loc] = emptyCount;
    empties[emptyCount++] = loc;
  }

  // ---------------------------------------------------------------- setup and text

  /**
   * Puts a stone on an empty point without capturing (SGF setup, AB/AW). Chains are rebuilt, so
   * this is for setup, not for play; a setup that leaves a chain without liberties is rejected.
   */
  public void setStone(int loc, byte c) {
    if (color[loc] == WALL) {
      throw new IllegalArgumentException("location " + loc + " is off the board");
    }
    if (color[loc] == c) {
      return;
    }
    if (color[loc] != EMPTY) {
      hash ^= ZOBRIST[color[loc]][loc];
      addEmpty(loc);
    }
    color[loc] = c;
    if (c != EMPTY) {
      hash ^= ZOBRIST[c][loc];
      removeEmpty(loc);
    }
    koLoc = NONE;
    rebuildChains();
  }

  private void rebuildChains() {
    Arrays.fill(head, NONE);
    int[] stack = new int[size * size];
    for (int loc = 0; loc < color.length; loc++) {
      byte c = color[loc];
      if ((c != BLACK && c != WHITE) || head[loc] != NONE) {
        continue;
      }
      // Flood fill the chain, linking stones as they are found.
      int top = 0;
      stack[top++] = loc;
      head[loc] = loc;
      nextStone[loc] = loc;
      int count = 0;
      int st = ++stamp;
      int lib = 0;
      while (top > 0) {
        int s = stack[--top];
        count++;
        for (int d : dirs) {
          int n = s + d;
          if (color[n] == c && head[n] == NONE) {
            head[n] = loc;
            nextStone[n] = nextStone[loc];
            nextStone[loc] = n;
            stack[top++] = n;
          } else if (color[n] == EMPTY && mark[n] != st) {
            mark[n] = st;
            lib++;
          }
        }
      }
      stones[loc] = count;
      libs[loc] = lib;
      if (lib == 0) {
        throw new IllegalArgumentException(
            "the chain at " + move(loc).toGtp(size) + " has no liberties");
      }
    }
  }

  /**
   * Parses a board drawn as text: one line per row, top row first, {@code .} empty, {@code X}
   * black, {@code O} white; spaces between points are optional. Chains without liberties are
   * rejected.
   */
  public static Board parse(String text) {
    String[] lines = text.strip().split("\\R");
    int size = lines.length;
    Board board = new Board(size);
    for (int y = 0; y < size; y++) {
      String row = lines[y].replace(" ", "");
      if (row.length() != size) {
        throw new IllegalArgumentException(
            "row " + (y + 1) + " has " + row.length() + " points, expected " + size);
      }
      for (int x = 0; x < size; x++) {
        char ch = row.charAt(x);
        int loc = board.loc(x, y);
        byte c =
            switch (ch) {
              case '.', '+' -> EMPTY;
              case 'X', 'x' -> BLACK;
              case 'O', 'o' -> WHITE;
              default ->
                  throw new IllegalArgumentException(
                      "row " + (y + 1) + " has '" + ch + "' at column " + (x + 1));
            };
        if (c != EMPTY) {
          board.color[loc] = c;
          board.hash ^= ZOBRIST[c][loc];
          board.removeEmpty(loc);
        }
      }
    }
    board.rebuildChains();
    return board;
  }

  /**
   * A board from a row-major stone plane ({@code +1} black, {@code -1} white, {@code 0} empty), as
   * training shards store it. The ko point is unknown to a plane: it is {@link #NONE}.
   */
  public static Board fromStones(byte[] plane, int size) {
    Board board = new Board(size);
    if (plane.length != size * size) {
      throw new IllegalArgumentException(
          "a " + size + "x" + size + " plane has " + size * size + " points, not " + plane.length);
    }
    for (int p = 0; p < plane.length; p++) {
      byte c =
          switch (plane[p]) {
            case 1 -> BLACK;
            case -1 -> WHITE;
            case 0 -> EMPTY;
            default -> throw new IllegalArgumentException("point " + p + " holds " + plane[p]);
          };
      if (c != EMPTY) {
        int loc = board.locOfPoint(p);
        board.color[loc] = c;
        board.hash ^= ZOBRIST[c][loc];
        board.removeEmpty(loc);
      }
    }
    board.rebuildChains();
    return board;
  }

  /**
   * The stones as {@code size²} characters {@code .}, {@code X}, {@code O}, row-major from the
   * top-left: the {@code board} field of the wire format.
   */
  public String toCompactString() {
    StringBuilder sb = new StringBuilder(size * size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        sb.append(symbol(color[loc(x, y)]));
      }
    }
    return sb.toString();
  }

  /** The board drawn as text, in the format {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (x > 0) {
          sb.append(' ');
        }
        sb.append(symbol(color[loc(x, y)]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static char symbol(byte c) {
    return switch (c) {
      case BLACK -> 'X';
      case WHITE -> 'O';
      default -> '.';
    };
  }

  /** Checks every incremental invariant against a recomputation; for tests. */
  void checkConsistency() {
    Board fresh = Board.parse(toString());
    if (fresh.hash != hash) {
      throw new IllegalStateException("hash differs from a recomputation");
    }
    if (fresh.emptyCount != emptyCount) {
      throw new IllegalStateException("empty count " + emptyCount + " != " + fresh.emptyCount);
    }
    for (int i = 0; i < emptyCount; i++) {
      if (color[empties[i]] != EMPTY || emptyIndex[empties[i]] != i) {
        throw new IllegalStateException("empty list broken at " + i);
      }
    }
    for (int loc = 0; loc < color.length; loc++) {
      if (color[loc] == BLACK || color[loc] == WHITE) {
        if (libs[head[loc]] != fresh.libs[fresh.head[loc]]) {
          throw new IllegalStateException(
              "liberties of "
                  + move(loc)
                  + ": "
                  + libs[head[loc]]
                  + " != "
                  + fresh.libs[fresh.head[loc]]);
        }
        if (stones[head[loc]] != fresh.stones[fresh.head[loc]]) {
          throw new IllegalStateException("stone count of " + move(loc));
        }
        int s = loc;
        int walked = 0;
        do {
          if (head[s] != head[loc]) {
            throw new IllegalStateException("chain list of " + move(loc) + " leaves the chain");
          }
          s = nextStone[s];
          walked++;
        } while (s != loc && walked <= stones[head[loc]]);
        if (walked != stones[head[loc]]) {
          throw new IllegalStateException("chain list of " + move(loc) + " has " + walked);
        }
      }
    }
  }
}
