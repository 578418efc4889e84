package org.tengen.worker.search;

import java.util.List;

/**
 * What a search found at its root, for analysis (GTP's lz-analyze and kata-analyze), from the view
 * of the player to move there.
 *
 * @param visits the root's visits, reused ones included
 * @param winrate the root's mean value as a win probability
 * @param scoreLead the root's mean expected score, points ahead
 * @param utility the root's mean utility
 * @param moves the visited moves, most visited first
 * @param ownership the network's ownership of each point at the root, row-major from the top left,
 *     +1 the player to move's
 */
public record RootAnalysis(
    int visits,
    double winrate,
    double scoreLead,
    double utility,
    List<MoveInfo> moves,
    float[] ownership) {

  public RootAnalysis {
    moves = List.copyOf(moves);
  }
}
