package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy surprise weighting: the rows the network got most wrong count more, in total the same. */
class SurpriseWeightsTest {

  // Three moves; row targets.
  private static final float[] TARGETS = {
    1,
    0,
    0, // row 0: a sure move
    0.5f,
    0.5f,
    0, // row 1: two moves
    0,
    0,
    1, // row 2: no target (weight 0)
    0,
    1,
    0 // row 3: a sure move
  };

  @Test
  void surprisingRowsWeighMoreAndTheTotalIsKept() {
    float[] weights = {1, 1, 0, 1};
    // Cross-entropies of the network's policy: row 0 expected (-ln 0.9), row 1 at its entropy
    // (no surprise), row 3 a surprise (-ln 0.05).
    float[] ce = {(float) -Math.log(0.9), (float) Math.log(2), 5f, (float) -Math.log(0.05)};
    float[] w = Losses.surpriseWeights(weights, ce, TARGETS, 3, 0.5);
    assertEquals(0, w[2], "a row that is no target stays out");
    assertTrue(w[3] > w[0] && w[0] > w[1], java.util.Arrays.toString(w));
    assertEquals(0.5, w[1], 1e-6, "no surprise: the uniform half only");
    assertEquals(3, w[0] + w[1] + w[3], 1e-5, "the rows' total weight is kept");
    float[] all = Losses.surpriseWeights(weights, ce, TARGETS, 3, 1.0);
    assertEquals(0, all[1], 1e-6, "share 1: weight by surprise alone");
  }

  @Test
  void withoutSurpriseTheWeightsAreUnchanged() {
    float[] weights = {1, 1, 0, 1};
    float[] exact = {0, (float) Math.log(2), 0, 0};
    assertArrayEquals(weights, Losses.surpriseWeights(weights, exact, TARGETS, 3, 0.5));
  }

  @Test
  void theShareIsAHyperparameterFrom0To1() {
    assertEquals(0, Hyperparameters.parse(Map.of()).policySurprise());
    assertEquals(0.5, Hyperparameters.parse(Map.of("policy_surprise", "0.5")).policySurprise());
    assertThrows(
        Hyperparameters.Invalid.class,
        () -> Hyperparameters.parse(Map.of("policy_surprise", "1.5")));
  }
}
