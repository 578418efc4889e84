package org.tengen.worker.search;

import java.util.List;
import org.tengen.core.go.Move;

/**
 * One candidate move of an analysis, from the view of the player to move at the root.
 *
 * @param move the move
 * @param visits the visits its subtree got
 * @param winrate the mean value of its subtree as a win probability in [0, 1]
 * @param scoreLead the mean expected score (points ahead) of its subtree
 * @param prior the network's prior for it, without noise
 * @param lcb a 95% lower confidence bound of the winrate
 * @param utility the mean utility of its subtree (value plus score utility), in value units
 * @param pv the principal variation: this move, then the most visited replies
 */
public record MoveInfo(
    Move move,
    int visits,
    double winrate,
    double scoreLead,
    double prior,
    double lcb,
    double utility,
    List<Move> pv) {

  public MoveInfo {
    pv = List.copyOf(pv);
  }
}
