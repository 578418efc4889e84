package org.tengen.network.model;

/**
 * The network's view of one position, from the player to move.
 *
 * @param policy move probabilities over {@code size² + 1} moves, pass last
 * @param win probability of winning
 * @param loss probability of losing
 * @param draw probability of a draw
 * @param score expected final margin in points
 * @param ownership expected ownership of each point in [-1, 1]
 */
public record Evaluation(
    float[] policy, float win, float loss, float draw, float score, float[] ownership) {

  /** Expected outcome in [-1, 1]: P(win) - P(loss). */
  public float value() {
    return win - loss;
  }
}
