package org.tengen.core.sgf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.sgf.SgfGame.SgfMove;

/**
 * Reads FF[4] SGF (and the FF[3] habits still found in files: lower-case letters in property names,
 * {@code tt} for a pass). {@link #parse} reads the first game of a collection as a game (its main
 * line: the first child at every branch, with the rest checked for syntax only); {@link
 * #parseCollection} keeps every tree whole, variations and unknown properties included, for a
 * lossless round trip through {@link SgfWriter}. Errors name the line and column in the text.
 */
public final class SgfReader {

  /** Nodes in the main line at most; protects memory against hostile input. */
  public static final int MAX_NODES = 10_000;

  /** Nodes in a whole collection at most, variations included. */
  public static final int MAX_TREE_NODES = 200_000;

  private final String text;
  private int pos;

  private record Property(String id, List<String> values, int offset) {}

  private SgfReader(String text) {
    this.text = text;
  }

  /**
   * Parses the first game of an SGF collection.
   *
   * @throws SgfException naming what is wrong and where
   */
  public static SgfGame parse(String text) {
    SgfReader reader = new SgfReader(text);
    return reader.interpret(reader.mainLine());
  }

  private SgfException error(int at, String message) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SgfException(line, column, message);
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** A node as parsed: its parent's index in the tree and its properties with their offsets. */
  private record ParsedNode(int parent, List<Property> properties) {}

  /**
   * Parses the game trees of the collection, each a list of nodes in document order. With {@code
   * mainLineOnly}, only the first tree's main line is kept (the rest is checked for syntax, not
   * stored, so a file of many variations costs no memory) and at most {@link #MAX_NODES} of it;
   * otherwise every node of every tree, at most {@link #MAX_TREE_NODES} in all.
   */
  private List<List<ParsedNode>> trees(boolean mainLineOnly) {
    // Tolerate a byte-order mark and text before the first '(' (mail headers in old files).
    int start = text.indexOf('(');
    if (start < 0) {
      skipWhitespace();
      throw error(pos, "no game tree: expected '(;'");
    }
    pos = start;
    List<List<ParsedNode>> trees = new ArrayList<>();
    int total = 0;
    final int offMainLine = -2;
    while (true) {
      List<ParsedNode> nodes = new ArrayList<>();
      // The node each open '(' continues from: its sequence's nodes hang below it.
      ArrayDeque<Integer> openedAt = new ArrayDeque<>();
      int current = -1;
      do {
        skipWhitespace();
        if (pos >= text.length()) {
          throw error(
              pos, "unexpected end of text: " + openedAt.size() + " game tree(s) not closed");
        }
        char c = text.charAt(pos);
        switch (c) {
          case '(' -> {
            openedAt.push(current);
            pos++;
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != ';') {
              throw error(pos, "a game tree must start with a node ';'");
            }
          }
          case ')' -> {
            current = openedAt.pop();
            pos++;
          }
          case ';' -> {
            int nodeStart = pos;
            pos++;
            List<Property> props = properties();
            if (mainLineOnly) {
              // The stored nodes are the main line so far: a node continues it when its parent
              // is the last of them (which has no child yet).
              if (current != nodes.size() - 1) {
                current = offMainLine;
              } else {
                if (nodes.size() >= MAX_NODES) {
                  throw error(nodeStart, "more than " + MAX_NODES + " nodes in the main line");
                }
                nodes.add(new ParsedNode(current, props));
                current = nodes.size() - 1;
              }
            } else {
              if (++total > MAX_TREE_NODES) {
                throw error(nodeStart, "more than " + MAX_TREE_NODES + " nodes");
              }
              nodes.add(new ParsedNode(current, props));
              current = nodes.size() - 1;
            }
          }
          default -> throw error(pos, "unexpected '" + c + "': expected '(', ';' or ')'");
        }
      } while (!openedAt.isEmpty());
      trees.add(nodes);
      skipWhitespace();
      if (mainLineOnly || pos >= text.length() || text.charAt(pos) != '(') {
        return trees;
      }
    }
  }

  /** The properties of each node of the first tree's main line. */
  private List<List<Property>> mainLine() {
    List<List<Property>> line = new ArrayList<>();
    for (ParsedNode n : trees(true).get(0)) {
      line.add(n.properties());
    }
    return line;
  }

  /**
   * Parses every game tree of an SGF collection whole: all variations, every property (unknown ones
   * included) in the file's order.
   *
   * @throws SgfException naming what is wrong and where
   */
  public static List<SgfTree> parseCollection(String text) {
    SgfReader reader = new SgfReader(text);
    List<SgfTree> result = new ArrayList<>();
    for (List<ParsedNode> parsed : reader.trees(false)) {
      List<SgfTree.Node> nodes = new ArrayList<>(parsed.size());
      for (ParsedNode n : parsed) {
        List<SgfProperty> props = new ArrayList<>(n.properties().size());
        for (Property p : n.properties()) {
          props.add(new SgfProperty(p.id(), p.values()));
        }
        nodes.add(new SgfTree.Node(n.parent(), props));
      }
      result.add(new SgfTree(nodes));
    }
    return result;
  }

  private List<Property> properties() {
    List<Property> props = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        return props;
      }
      char c = text.charAt(pos);
      if (!Character.isLetter(c)) {
        return props;
      }
      int idStart = pos;
      StringBuilder id = new StringBuilder();
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        char ch = text.charAt(pos);
        if (ch >= 'A' && ch <= 'Z') {
          id.append(ch);
        } else if (ch < 'a' || ch > 'z') {
          throw error(pos, "property names use the letters A-Z only, found '" + ch + "'");
        }
        pos++;
      }
      if (id.isEmpty()) {
        throw error(idStart, "property name without an upper-case letter");
      }
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) != '[') {
        throw error(pos, "property " + id + " has no value '[...]'");
      }
      List<String> values = new ArrayList<>();
      int valueStart = pos;
      while (pos < text.length() && text.charAt(pos) == '[') {
        values.add(value());
        skipWhitespace();
      }
      props.add(new Property(id.toString(), values, valueStart));
    }
  }

  private String value() {
    int start = pos;
    pos++; // '['
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == ']') {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          break;
        }
        char next = text.charAt(pos++);
        // A backslash before a line break is a soft line break: both vanish.
        if (next == '\r' || next == '\n') {
          if (pos < text.length()) {
            char after = text.charAt(pos);
            if ((after == '\r' || after == '\n') && after != next) {
              pos++;
            }
          }
          continue;
        }
        sb.append(next);
      } else {
        sb.append(c);
      }
    }
    throw error(start, "value '[' is never closed by ']'");
  }

  private SgfGame interpret(List<List<Property>> nodes) {
    List<Property> root = nodes.get(0);
    int size = 19;
    Property sz = find(root, "SZ");
    if (sz != null) {
      String v = sz.values().get(0).trim();
      try {
        if (v.contains(":")) {
          String[] wh = v.split(":");
          if (wh.length != 2 || !wh[0].trim().equals(wh[1].trim())) {
            throw error(sz.offset(), "SZ[" + v + "]: only square boards are supported");
          }
          v = wh[0].trim();
        }
        size = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw error(sz.offset(), "SZ[" + v + "] is not a number");
      }
      if (size < 2 || size > 19) {
        throw error(sz.offset(), "SZ[" + size + "] is outside 2..19");
      }
    }
    double komi = 0;
    Property km = find(root, "KM");
    if (km != null && !km.values().get(0).isBlank()) {
      String v = km.values().get(0).trim();
      try {
        komi = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw error(km.offset(), "KM[" + v + "] is not a number");
      }
      if (!Double.isFinite(komi) || Math.abs(komi) > 1000) {
        throw error(km.offset(), "KM[" + v + "] is not a plausible komi");
      }
    }
    int handicap = 0;
    Property ha = find(root, "HA");
    if (ha != null) {
      try {
        handicap = Integer.parseInt(ha.values().get(0).trim());
      } catch (NumberFormatException e) {
        throw error(ha.offset(), "HA[" + ha.values().get(0) + "] is not a number");
      }
    }
    List<Move> black = points(root, "AB", size);
    List<Move> white = points(root, "AW", size);
    String comment = text(root, "GC");
    if (comment == null) {
      comment = text(root, "C");
    }
    Color firstPlayer = null;
    Property pl = find(root, "PL");
    if (pl != null) {
      firstPlayer = color(pl, pl.values().get(0).trim());
    }

    List<SgfMove> moves = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      List<Property> node = nodes.get(i);
      if (i > 0) {
        for (Property p : node) {
          if (p.id().equals("AB") || p.id().equals("AW") || p.id().equals("AE")) {
            throw error(p.offset(), p.id() + " after the first node is not supported");
          }
        }
      }
      Property b = find(node, "B");
      Property w = find(node, "W");
      if (b != null && w != null) {
        throw error(w.offset(), "a node holds both a black and a white move");
      }
      Property mv = b != null ? b : w;
      if (mv == null) {
        continue;
      }
      Move move;
      try {
        move = Move.parseSgf(mv.values().get(0).trim(), size);
      } catch (IllegalArgumentException e) {
        throw error(mv.offset(), e.getMessage());
      }
      String nodeComment = i == 0 ? null : text(node, "C");
      moves.add(new SgfMove(b != null ? Color.BLACK : Color.WHITE, move, nodeComment));
    }
    if (firstPlayer == null) {
      firstPlayer = moves.isEmpty() ? Color.BLACK : moves.get(0).color();
    }
    return new SgfGame(
        size,
        komi,
        text(root, "RU"),
        text(root, "RE"),
        text(root, "PB"),
        text(root, "PW"),
        text(root, "DT"),
        comment,
        handicap,
        black,
        white,
        firstPlayer,
        moves);
  }

  private Color color(Property p, String v) {
    return switch (v) {
      case "B", "b" -> Color.BLACK;
      case "W", "w" -> Color.WHITE;
      default -> throw error(p.offset(), p.id() + "[" + v + "] is not B or W");
    };
  }

  private static Property find(List<Property> node, String id) {
    for (Property p : node) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }

  private static String text(List<Property> node, String id) {
    Property p = find(node, id);
    return p == null ? null : p.values().get(0);
  }

  private List<Move> points(List<Property> node, String id, int size) {
    List<Move> result = new ArrayList<>();
    for (Property p : node) {
      if (!p.id().equals(id)) {
        continue;
      }
      for (String v : p.values()) {
        String t = v.trim();
        try {
          if (t.contains(":")) {
            // FF[4] compressed point list: a rectangle from one corner to the other.
            String[] corners = t.split(":");
            if (corners.length != 2) {
              throw new IllegalArgumentException("'" + t + "' is not a point or a rectangle");
            }
            Move a = Move.parseSgf(corners[0], size);
            Move b = Move.parseSgf(corners[1], size);
            if (a.isPass() || b.isPass()) {
              throw new IllegalArgumentException("'" + t + "' is not a rectangle of points");
            }
            for (int y = Math.min(a.y(), b.y()); y <= Math.max(a.y(), b.y()); y++) {
              for (int x = Math.min(a.x(), b.x()); x <= Math.max(a.x(), b.x()); x++) {
                result.add(Move.of(x, y));
              }
            }
          } else {
            Move m = Move.parseSgf(t, size);
            if (m.isPass()) {
              throw new IllegalArgumentException("'" + t + "' is not a point");
            }
            result.add(m);
          }
        } catch (IllegalArgumentException e) {
          throw error(p.offset(), id + ": " + e.getMessage());
        }
      }
    }
    return result;
  }
}
