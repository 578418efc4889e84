package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A resigned game's positions carry no score or ownership target (their shard rows weigh 0 in
 * score_weight): such a row gives the score and ownership heads no gradient, whatever its targets
 * say, in both losses; the other rows' gradients are untouched.
 */
class CountedTargetsTest {

  private static final int SIZE = 9;
  private static final int S2 = SIZE * SIZE;

  private static EncodedBatch batch(float[] scoreWeight, float score0, float ownership0) {
    int n = scoreWeight.length;
    SplittableRandom random = new SplittableRandom(5);
    float[] policy = new float[n * (S2 + 1)];
    float[] value = new float[n];
    float[] score = new float[n];
    float[] ownership = new float[n * S2];
    for (int i = 0; i < n; i++) {
      policy[i * (S2 + 1) + random.nextInt(S2 + 1)] = 1;
      value[i] = i % 2 == 0 ? 1 : -1;
      score[i] = i == 0 ? score0 : (float) random.nextDouble(-30, 30);
      for (int p = 0; p < S2; p++) {
        ownership[i * S2 + p] = i == 0 ? ownership0 : random.nextBoolean() ? 1 : -1;
      }
    }
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1);
    return new EncodedBatch(
        n,
        SIZE,
        new float[0],
        new float[0],
        policy,
        ones,
        value,
        score,
        ownership,
        scoreWeight,
        new float[n * (S2 + 1)],
        new float[n]);
  }

  /** The gradients of the score and ownership outputs, [score (n), ownership (n·S2)]. */
  private static float[][] gradients(EncodedBatch b, boolean katago) {
    int n = b.n();
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      SplittableRandom random = new SplittableRandom(9);
      NDArray logits = m.create(randoms(random, n * (S2 + 1)), new Shape(n, S2 + 1));
      NDArray valueLogits = m.create(randoms(random, n * 3), new Shape(n, 3));
      NDArray score = m.create(randoms(random, n), new Shape(n, 1));
      NDArray ownership = m.create(randoms(random, n * S2), new Shape(n, S2)).tanh();
      ownership = m.create(ownership.toFloatArray(), new Shape(n, S2));
      score.setRequiresGradient(true);
      ownership.setRequiresGradient(true);
      Losses.Terms terms =
          Losses.compute(m, new NDList(logits, valueLogits, score, ownership), b, katago);
      gc.backward(terms.total());
      return new float[][] {
        score.getGradient().toFloatArray(), ownership.getGradient().toFloatArray()
      };
    }
  }

  private static float[] randoms(SplittableRandom random, int n) {
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (float) random.nextDouble(-0.9, 0.9);
    }
    return xs;
  }

  @Test
  void aRowOfAGameNotCountedGivesTheScoreAndOwnershipHeadsNoGradient() {
    for (boolean katago : new boolean[] {false, true}) {
      float[][] masked = gradients(batch(new float[] {0, 1, 1, 1}, 0, 0), katago);
      float[][] wild = gradients(batch(new float[] {0, 1, 1, 1}, 120, 1), katago);
      String what = katago ? "KataGo's loss" : "the seed's loss";
      assertEquals(0f, Math.abs(masked[0][0]), what + ": score gradient of the resigned row");
      for (int p = 0; p < S2; p++) {
        assertEquals(0f, Math.abs(masked[1][p]), what + ": ownership gradient of the resigned row");
      }
      for (int i = 1; i < 4; i++) {
        assertTrue(masked[0][i] != 0, what + ": a counted row's score gradient");
        assertEquals(masked[0][i], wild[0][i], what + ": other rows do not see row 0's target");
      }
      float[][] counted = gradients(batch(new float[] {1, 1, 1, 1}, 120, 1), katago);
      assertTrue(counted[0][0] != 0, what + ": counted, the same row has a gradient");
    }
  }
}
