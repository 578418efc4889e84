package org.tengen.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.tengen.network.model.TengenNet;

/**
 * The loss, term by term. The seed's: policy cross-entropy against the search's visit distribution
 * (rows whose policy is no target weigh 0), value MSE on P(win) − P(loss), 0.5 × score MSE (in the
 * score head's units, margin / 20) and 0.5 × ownership MSE. KataGo's: value as win/loss/draw
 * cross-entropy, ownership as binary cross-entropy, Huber on score; policy the same. The score and
 * ownership terms average over the rows whose game was counted ({@code scoreWeight}): a resigned
 * game's final position says nothing about either.
 */
public final class Losses {

  /** The terms of one batch, and their sum (the one with a gradient). */
  public record Terms(NDArray total, float policy, float value, float score, float ownership) {
    public float sum() {
      return policy + value + score + ownership;
    }
  }

  private Losses() {}

  public static Terms compute(NDManager m, NDList out, EncodedBatch b, boolean katago) {
    int n = b.n();
    int s2 = b.size() * b.size();
    NDArray logits = out.get(0);
    NDArray valueLogits = out.get(1);
    NDArray scoreOut = out.get(2).reshape(n);
    NDArray ownershipOut = out.get(3).reshape(n, s2);

    NDArray half = constant(m, 0.5f);
    NDArray targetPolicy = m.create(b.policy(), new Shape(n, s2 + 1));
    NDArray weight = m.create(b.policyWeight(), new Shape(n));
    float weightSum = 0;
    for (float w : b.policyWeight()) {
      weightSum += w;
    }
    NDArray ce = targetPolicy.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
    NDArray policy = ce.mul(weight).sum().div(constant(m, Math.max(1f, weightSum)));

    NDArray targetValue = m.create(b.value(), new Shape(n));
    NDArray value;
    if (katago) {
      // win / loss / draw as one-hot classes from the mover's result
      float[] classes = new float[n * 3];
      for (int i = 0; i < n; i++) {
        float v = b.value()[i];
        classes[i * 3 + (v > 0.5f ? 0 : v < -0.5f ? 1 : 2)] = 1;
      }
      value =
          m.create(classes, new Shape(n, 3))
              .mul(valueLogits.logSoftmax(1))
              .sum(new int[] {1})
              .neg()
              .mean();
    } else {
      NDArray p = valueLogits.softmax(1);
      NDArray expected = p.get(":, 0").sub(p.get(":, 1"));
      value = expected.sub(targetValue).square().mean();
    }

    float[] scaled = new float[n];
    for (int i = 0; i < n; i++) {
      scaled[i] = b.score()[i] / TengenNet.SCORE_SCALE;
    }
    NDArray diff = scoreOut.sub(m.create(scaled, new Shape(n)));
    // Rows of games that were not counted carry no score or ownership target: they weigh 0.
    NDArray counted = m.create(b.scoreWeight(), new Shape(n));
    float countedSum = 0;
    for (float w : b.scoreWeight()) {
      countedSum += w;
    }
    NDArray countedRows = constant(m, Math.max(1f, countedSum));
    NDArray rowScore;
    if (katago) {
      NDArray abs = diff.abs();
      NDArray quadratic = abs.minimum(constant(m, 1f));
      rowScore = quadratic.square().mul(half).add(abs.sub(quadratic));
    } else {
      rowScore = diff.square();
    }
    NDArray score = rowScore.mul(counted).sum().div(countedRows).mul(half);

    NDArray targetOwnership = m.create(b.ownership(), new Shape(n, s2));
    NDArray rowOwnership;
    if (katago) {
      NDArray t = targetOwnership.add(1f).div(2f);
      NDArray p = ownershipOut.add(1f).mul(half).clip(1e-6f, 1 - 1e-6f);
      rowOwnership =
          t.mul(p.log()).add(t.neg().add(1f).mul(p.neg().add(1f).log())).neg().mean(new int[] {1});
    } else {
      rowOwnership = ownershipOut.sub(targetOwnership).square().mean(new int[] {1});
    }
    NDArray ownership = rowOwnership.mul(counted).sum().div(countedRows).mul(half);

    NDArray total = policy.add(value).add(score).add(ownership);
    return new Terms(
        total, policy.getFloat(), value.getFloat(), score.getFloat(), ownership.getFloat());
  }

  /**
   * A constant as a tensor of the step's manager, alive until the backward pass is done. Never
   * {@code x.mul(0.5f)} on a tensor with a gradient: DJL makes the number a tensor over a direct
   * buffer and closes it at once, while the graph keeps it for the backward pass; a garbage
   * collection in between frees the buffer, and the gradients read freed memory (LossesTest).
   */
  private static NDArray constant(NDManager m, float value) {
    return m.create(value);
  }
}
