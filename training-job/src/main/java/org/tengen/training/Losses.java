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
 *
 * <p>Policy surprise weighting (KataGo's, with a share {@code surprise} in [0, 1]): each policy
 * row's weight becomes {@code (1 − surprise) + surprise · KL_i / mean KL}, KL_i the divergence of
 * the network's policy from the row's target, so that positions where the search found what the
 * network did not expect count more. KataGo measures the surprise against the prior the search
 * started from; here it is the network being trained, at the step itself, which needs nothing from
 * the uploader (a contributor cannot raise a row's weight) and costs no extra pass.
 */
public final class Losses {

  /**
   * The terms of one batch, and their sum (the one with a gradient). {@code opponent} is the
   * opponent-policy cross-entropy, {@code opponentWeighted} what it adds to the sum.
   */
  public record Terms(
      NDArray total,
      float policy,
      float value,
      float score,
      float ownership,
      float opponent,
      float opponentWeighted) {
    public float sum() {
      return policy + value + score + ownership + opponentWeighted;
    }
  }

  /** KataGo's weight of the opponent-policy term. */
  public static final double OPPONENT_WEIGHT = 0.15;

  private Losses() {}

  public static Terms compute(NDManager m, NDList out, EncodedBatch b, boolean katago) {
    return compute(m, out, b, katago, 0, OPPONENT_WEIGHT);
  }

  /**
   * The same with policy surprise weighting of share {@code surprise} (0: off) and the
   * opponent-policy term at {@code opponentWeight} (0: off).
   */
  public static Terms compute(
      NDManager m,
      NDList out,
      EncodedBatch b,
      boolean katago,
      double surprise,
      double opponentWeight) {
    int n = b.n();
    int s2 = b.size() * b.size();
    NDArray logits = out.get(0);
    NDArray valueLogits = out.get(1);
    NDArray scoreOut = out.get(2).reshape(n);
    NDArray ownershipOut = out.get(3).reshape(n, s2);

    NDArray half = constant(m, 0.5f);
    NDArray targetPolicy = m.create(b.policy(), new Shape(n, s2 + 1));
    NDArray ce = targetPolicy.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
    float[] rowWeights =
        surprise > 0
            ? surpriseWeights(b.policyWeight(), ce.toFloatArray(), b.policy(), s2 + 1, surprise)
            : b.policyWeight();
    NDArray weight = m.create(rowWeights, new Shape(n));
    float weightSum = 0;
    for (float w : rowWeights) {
      weightSum += w;
    }
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
    float opponentLoss = 0;
    if (out.size() > 4) {
      NDArray opponentTarget = m.create(b.opponentPolicy(), new Shape(n, s2 + 1));
      float[] ow = b.opponentWeight();
      float owSum = 0;
      for (float w : ow) {
        owSum += w;
      }
      NDArray opponentCe = opponentTarget.mul(out.get(4).logSoftmax(1)).sum(new int[] {1}).neg();
      NDArray opponent =
          opponentCe.mul(m.create(ow, new Shape(n))).sum().div(constant(m, Math.max(1f, owSum)));
      opponentLoss = opponent.getFloat();
      if (opponentWeight > 0) {
        total = total.add(opponent.mul(constant(m, (float) opponentWeight)));
      }
    }
    return new Terms(
        total,
        policy.getFloat(),
        value.getFloat(),
        score.getFloat(),
        ownership.getFloat(),
        opponentLoss,
        (float) (opponentLoss * opponentWeight));
  }

  /**
   * Each row's policy weight times {@code (1 − share) + share · KL_i / mean KL} over the rows that
   * are targets, KL_i = cross-entropy − the target's entropy. Rows of weight 0 stay 0; when no row
   * is surprising the weights are unchanged.
   */
  static float[] surpriseWeights(
      float[] weights, float[] crossEntropy, float[] targets, int width, double share) {
    int n = weights.length;
    double[] kl = new double[n];
    double sum = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double entropy = 0;
      for (int j = 0; j < width; j++) {
        float t = targets[i * width + j];
        if (t > 0) {
          entropy -= t * Math.log(t);
        }
      }
      double d = crossEntropy[i] - entropy;
      kl[i] = d > 1e-5 ? d : 0; // below float rounding of the cross-entropy: no surprise
      sum += weights[i] * kl[i];
      total += weights[i];
    }
    if (!(sum > 0) || !(total > 0)) {
      return weights;
    }
    double mean = sum / total;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (weights[i] * ((1 - share) + share * kl[i] / mean));
    }
    return out;
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
