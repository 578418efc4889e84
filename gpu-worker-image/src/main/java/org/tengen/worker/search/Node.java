package org.tengen.worker.search;

/**
 * A node of the search tree, reached by {@code move} from its parent. Statistics after the
 * AlphaZero paper: N (visits), W (total utility: the value, plus the score utility where it is on)
 * and Q = W / N, and the value alone summed apart ({@code wValue}), all from the view of the player
 * who chose this node's move; {@code prior} is P, the network's probability for that move (with
 * root noise mixed in, where noise applies).
 */
final class Node {
  /** Policy index of the move into this node ({@code size²} a pass); -1 at a fresh root. */
  final int move;

  /** The network's prior, before noise. */
  final float basePrior;

  float prior;
  int n;
  double w;
  double wValue;

  /** The sum of the squared values backed up, for the value's spread (analysis' lower bound). */
  double wValueSq;

  /** The sum of the expected scores backed up, from the same view as {@code w}. */
  double wScore;

  /** The expected score of this position for its player to move, once expanded. */
  double score;

  /**
   * For a node whose game is over: its result's value for the player to move there, counted once
   * (an area count judges dead stones by playouts); NaN otherwise.
   */
  double terminalValue = Double.NaN;

  /** Null until expanded; empty for a finished game. */
  Node[] children;

  Node(int move, float prior) {
    this.move = move;
    this.basePrior = prior;
    this.prior = prior;
  }

  double q() {
    return w / n;
  }

  double valueQ() {
    return wValue / n;
  }

  double scoreQ() {
    return wScore / n;
  }

  boolean isExpanded() {
    return children != null;
  }
}
