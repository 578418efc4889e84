package org.tengen.core.sgf;

import java.util.ArrayDeque;
import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.sgf.SgfGame.SgfMove;

/**
 * Writes FF[4] SGF: a game that {@link SgfReader#parse} reads back to an equal {@link SgfGame}, and
 * whole game trees that {@link SgfReader#parseCollection} reads back to equal {@link SgfTree}s.
 */
public final class SgfWriter {

  private SgfWriter() {}

  public static String write(SgfGame game) {
    int size = game.boardSize();
    StringBuilder sb = new StringBuilder(64 + game.moves().size() * 7);
    sb.append("(;FF[4]GM[1]CA[UTF-8]AP[Tengen]SZ[").append(size).append(']');
    sb.append("KM[").append(number(game.komi())).append(']');
    text(sb, "RU", game.rules());
    text(sb, "RE", game.result());
    text(sb, "PB", game.blackPlayer());
    text(sb, "PW", game.whitePlayer());
    text(sb, "DT", game.date());
    if (game.handicap() != 0) {
      sb.append("HA[").append(game.handicap()).append(']');
    }
    text(sb, "C", game.comment());
    points(sb, "AB", game.blackSetup(), size);
    points(sb, "AW", game.whiteSetup(), size);
    boolean plNeeded =
        game.firstPlayer() == Color.WHITE
            || (!game.moves().isEmpty() && game.moves().get(0).color() != game.firstPlayer());
    if (plNeeded) {
      sb.append("PL[").append(game.firstPlayer().letter()).append(']');
    }
    int n = 0;
    for (SgfMove m : game.moves()) {
      sb.append(n++ % 10 == 0 ? "\n;" : ";");
      sb.append(m.color().letter()).append('[').append(m.move().toSgf(size)).append(']');
      text(sb, "C", m.comment());
    }
    sb.append(")\n");
    return sb.toString();
  }

  /** A collection of game trees, each node on its own line. */
  public static String write(List<SgfTree> trees) {
    StringBuilder sb = new StringBuilder();
    for (SgfTree tree : trees) {
      write(tree, sb);
    }
    return sb.toString();
  }

  public static String write(SgfTree tree) {
    return write(List.of(tree));
  }

  /**
   * Writes one tree without recursion: a node with one child continues its sequence; each child of
   * a branch point opens a game tree of its own. The stack holds text to write and node indices
   * whose sequences are to be written.
   */
  private static void write(SgfTree tree, StringBuilder sb) {
    List<List<Integer>> children = tree.children();
    ArrayDeque<Object> stack = new ArrayDeque<>();
    stack.push(")\n");
    stack.push(0);
    stack.push("(");
    while (!stack.isEmpty()) {
      Object next = stack.pop();
      if (next instanceof String literal) {
        sb.append(literal);
        continue;
      }
      int node = (Integer) next;
      while (true) {
        sb.append(';');
        for (SgfProperty p : tree.nodes().get(node).properties()) {
          sb.append(p.id());
          for (String v : p.values()) {
            value(sb, v);
          }
        }
        List<Integer> kids = children.get(node);
        if (kids.size() == 1) {
          node = kids.get(0);
          sb.append('\n');
          continue;
        }
        for (int k = kids.size() - 1; k >= 0; k--) {
          stack.push(")");
          stack.push(kids.get(k));
          stack.push("\n(");
        }
        break;
      }
    }
  }

  private static void text(StringBuilder sb, String id, String value) {
    if (value == null) {
      return;
    }
    sb.append(id);
    value(sb, value);
  }

  /** A value in brackets, its ']' and '\\' escaped. */
  private static void value(StringBuilder sb, String value) {
    sb.append('[');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append(']');
  }

  private static void points(StringBuilder sb, String id, List<Move> points, int size) {
    if (points.isEmpty()) {
      return;
    }
    sb.append(id);
    for (Move m : points) {
      sb.append('[').append(m.toSgf(size)).append(']');
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
