package org.tengen.core.sgf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One game tree of an SGF file, kept whole: every node with every property in the order the file
 * gave them (those Tengen does not know included), and every variation. The nodes are held flat, in
 * the file's order (a pre-order walk), each naming its parent, so that no operation recurses
 * however deep a hostile file nests its variations. The first child of a node is its main line.
 *
 * @param nodes the nodes in document order; the first is the root (parent -1), and every other
 *     node's parent comes before it
 */
public record SgfTree(List<SgfTree.Node> nodes) {

  /** A node: its parent's index (-1 for the root) and its properties in the file's order. */
  public record Node(int parent, List<SgfProperty> properties) {
    public Node {
      properties = List.copyOf(properties);
    }

    /** The first property with this id. */
    public Optional<SgfProperty> property(String id) {
      return properties.stream().filter(p -> p.id().equals(id)).findFirst();
    }
  }

  public SgfTree {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a game tree has at least its root node");
    }
    for (int i = 0; i < nodes.size(); i++) {
      int parent = nodes.get(i).parent();
      if (i == 0 ? parent != -1 : parent < 0 || parent >= i) {
        throw new IllegalArgumentException(
            "node " + i + " has parent " + parent + ": not a pre-order tree");
      }
    }
  }

  /** The indices of each node's children, in order. */
  public List<List<Integer>> children() {
    List<List<Integer>> children = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      children.add(new ArrayList<>(2));
    }
    for (int i = 1; i < nodes.size(); i++) {
      children.get(nodes.get(i).parent()).add(i);
    }
    return children;
  }

  /** The main line: the root, then the first child of each node. */
  public List<Node> mainLine() {
    List<List<Integer>> children = children();
    List<Node> line = new ArrayList<>();
    for (int i = 0; ; i = children.get(i).get(0)) {
      line.add(nodes.get(i));
      if (children.get(i).isEmpty()) {
        return line;
      }
    }
  }

  /** How many nodes have more than one child. */
  public int branchPoints() {
    int n = 0;
    for (List<Integer> c : children()) {
      if (c.size() > 1) {
        n++;
      }
    }
    return n;
  }
}
