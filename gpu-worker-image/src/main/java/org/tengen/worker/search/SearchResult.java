package org.tengen.worker.search;

import org.tengen.core.go.Move;

/**
 * What a search found at the root.
 *
 * @param policy visit distribution over {@code size² + 1} moves (pass last): the policy target
 * @param move the move chosen to play (sampled or most visited, per the parameters)
 * @param value the root's value for the player to move, in [-1, 1]
 * @param visits the root's visits, reused ones included
 */
public record SearchResult(float[] policy, Move move, double value, int visits) {}
