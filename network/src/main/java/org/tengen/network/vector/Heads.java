package org.tengen.network.vector;

import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkConfig;

/**
 * The four heads of {@link VectorNetwork}: the policy (with its pooled bias, and the pass from the
 * pooled features), and value, score and ownership from the value channels. Their three 1x1
 * convolutions from the trunk are one matrix product ({@code [cp][3·hp]}); the rest is per board.
 */
final class Heads {

  private static final VectorSpecies<Float> S = Gemm.SPECIES;
  private static final int L = Gemm.LANES;

  private final NetworkConfig config;
  private final int c; // trunk channels
  private final int cp; // padded to whole vectors
  private final int h; // head channels
  private final int hp;

  private final float[] headWeights; // [cp][3·hp]: policy, policy pooling, value
  private final float[] headBias; // [3·hp]
  private final float[] policyPoolBiasW; // [h][3h]
  private final float[] policyPoolBiasB;
  private final float[] policyOutW; // [h]
  private final float policyOutB;
  private final float[] passW; // [3h]
  private final float passB;
  private final float[] valueHiddenW; // [vh][3h]
  private final float[] valueHiddenB;
  private final float[] valueOutW; // [4][vh]
  private final float[] valueOutB;
  private final float[] ownershipW; // [h]
  private final float ownershipB;

  /** The heads' weights, from PyTorch's names and layouts. */
  Heads(NetworkConfig config, Map<String, float[]> w) {
    this.config = config;
    this.c = config.channels();
    this.cp = Gemm.roundUp(c, L);
    this.h = config.headChannels();
    this.hp = Gemm.roundUp(h, L);
    headWeights = new float[cp * 3 * hp];
    headBias = new float[3 * hp];
    String[] heads = {"policy", "policypool", "value"};
    for (int j = 0; j < 3; j++) {
      float[] hw = Weights.need(w, heads[j] + "_weight", h * c);
      float[] hb = Weights.need(w, heads[j] + "_bias", h);
      for (int k = 0; k < h; k++) {
        headBias[j * hp + k] = hb[k];
        for (int ch = 0; ch < c; ch++) {
          headWeights[ch * 3 * hp + j * hp + k] = hw[k * c + ch];
        }
      }
    }
    policyPoolBiasW = Weights.need(w, "policypoolbias_weight", h * 3 * h);
    policyPoolBiasB = Weights.need(w, "policypoolbias_bias", h);
    policyOutW = Weights.need(w, "policyout_weight", h);
    policyOutB = Weights.need(w, "policyout_bias", 1)[0];
    passW = Weights.need(w, "passout_weight", 3 * h);
    passB = Weights.need(w, "passout_bias", 1)[0];
    int vh = config.valueHidden();
    valueHiddenW = Weights.need(w, "valuehidden_weight", vh * 3 * h);
    valueHiddenB = Weights.need(w, "valuehidden_bias", vh);
    valueOutW = Weights.need(w, "valueout_weight", 4 * vh);
    valueOutB = Weights.need(w, "valueout_bias", 4);
    ownershipW = Weights.need(w, "ownership_weight", h);
    ownershipB = Weights.need(w, "ownership_bias", 1)[0];
  }

  /** The width of a row of the heads' 1x1 convolutions: policy, policy pooling and value. */
  int width() {
    return 3 * hp;
  }

  /**
   * The outputs of {@code n} boards from the trunk's last activations x [rows][cp] (rectified here,
   * in place); a [rows][{@link #width}] takes the heads' 1x1 convolutions.
   */
  Network.Outputs evaluate(
      float[] x,
      float[] a,
      int n,
      int size,
      int rows,
      float[] mask,
      float[] points,
      Parallel parallel) {
    int plane = size * size;
    int pixels = n * plane;
    int width = width();
    int blocksOfRows = rows / Gemm.ROWS;
    parallel.forRange(
        blocksOfRows,
        (from, to) -> {
          for (int i = from * Gemm.ROWS * cp; i < to * Gemm.ROWS * cp; i += L) {
            FloatVector.fromArray(S, x, i).max(0f).intoArray(x, i);
          }
          Gemm.multiply(
              x,
              from * Gemm.ROWS * cp,
              headWeights,
              0,
              a,
              from * Gemm.ROWS * width,
              (to - from) * Gemm.ROWS,
              cp,
              width);
        });
    float[] policy = new float[n * (plane + 1)];
    float[] value = new float[n * 3];
    float[] score = new float[n];
    float[] ownership = new float[n * plane];
    // Board by board, the boards split between the threads.
    parallel.forRange(
        n,
        (fromBoard, toBoard) ->
            headsOf(a, fromBoard, toBoard, plane, mask, points, policy, value, score, ownership));
    return new Network.Outputs(policy, value, score, ownership);
  }

  /** The heads' outputs of boards {@code [fromBoard, toBoard)} from their 1x1 convolutions a. */
  private void headsOf(
      float[] a,
      int fromBoard,
      int toBoard,
      int plane,
      float[] mask,
      float[] points,
      float[] policy,
      float[] value,
      float[] score,
      float[] ownership) {
    int width = 3 * hp;
    float[] pooled = new float[3 * h];
    float[] bias = new float[h];
    int vh = config.valueHidden();
    float[] hidden = new float[vh];
    for (int b = fromBoard; b < toBoard; b++) {
      int first = b * plane;
      for (int q = first; q < first + plane; q++) {
        float m = mask == null ? 1f : mask[q];
        int at = q * width;
        for (int k = 0; k < h; k++) {
          a[at + k] = (a[at + k] + headBias[k]) * m;
          a[at + hp + k] = Math.max(0f, a[at + hp + k] + headBias[hp + k]) * m;
          a[at + 2 * hp + k] = Math.max(0f, a[at + 2 * hp + k] + headBias[2 * hp + k]) * m;
        }
      }
      // Policy: the board's logits from p + the pooled bias, the pass's from the pooled features.
      GlobalPool.pool(a, width, hp, h, first, plane, points[b], pooled);
      for (int k = 0; k < h; k++) {
        float s = policyPoolBiasB[k];
        for (int j = 0; j < 3 * h; j++) {
          s += policyPoolBiasW[k * 3 * h + j] * pooled[j];
        }
        bias[k] = s;
      }
      int out = b * (plane + 1);
      for (int q = 0; q < plane; q++) {
        int at = (first + q) * width;
        float m = mask == null ? 1f : mask[first + q];
        float s = policyOutB;
        for (int k = 0; k < h; k++) {
          s += policyOutW[k] * Math.max(0f, a[at + k] + bias[k]) * m;
        }
        policy[out + q] = m == 0f ? s - 1e4f : s;
      }
      float pass = passB;
      for (int j = 0; j < 3 * h; j++) {
        pass += passW[j] * pooled[j];
      }
      policy[out + plane] = pass;
      softmax(policy, out, plane + 1);

      // Value, score and ownership from the value channels.
      GlobalPool.pool(a, width, 2 * hp, h, first, plane, points[b], pooled);
      for (int k = 0; k < vh; k++) {
        float s = valueHiddenB[k];
        for (int j = 0; j < 3 * h; j++) {
          s += valueHiddenW[k * 3 * h + j] * pooled[j];
        }
        hidden[k] = Math.max(0f, s);
      }
      float[] v = new float[4];
      for (int k = 0; k < 4; k++) {
        float s = valueOutB[k];
        for (int j = 0; j < vh; j++) {
          s += valueOutW[k * vh + j] * hidden[j];
        }
        v[k] = s;
      }
      System.arraycopy(v, 0, value, 3 * b, 3);
      softmax(value, 3 * b, 3);
      score[b] = v[3];
      for (int q = 0; q < plane; q++) {
        int at = (first + q) * width + 2 * hp;
        float s = ownershipB;
        for (int k = 0; k < h; k++) {
          s += ownershipW[k] * a[at + k];
        }
        float m = mask == null ? 1f : mask[first + q];
        ownership[first + q] = (float) Math.tanh(s) * m;
      }
    }
  }

  private static void softmax(float[] a, int from, int count) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = from; i < from + count; i++) {
      max = Math.max(max, a[i]);
    }
    double sum = 0;
    for (int i = from; i < from + count; i++) {
      float e = (float) Math.exp(a[i] - max);
      a[i] = e;
      sum += e;
    }
    for (int i = from; i < from + count; i++) {
      a[i] = (float) (a[i] / sum);
    }
  }
}
