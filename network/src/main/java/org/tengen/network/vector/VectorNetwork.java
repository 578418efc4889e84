package org.tengen.network.vector;

import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkConfig;

/**
 * A network's search-time forward pass (policy, value, score, ownership) in Java with the Vector
 * API, on the CPU, in FP32: the same function as {@code TengenNet}'s through libtorch, computed
 * with Winograd convolutions ({@link Winograd3x3}) on NHWC activations and the element-wise work
 * folded into the convolutions' last step. This class holds the input convolution and the trunk,
 * {@link Heads} the four heads. It holds a copy of the weights taken when it is made.
 */
public final class VectorNetwork implements Network.ForwardEngine {

  private static final VectorSpecies<Float> S = Gemm.SPECIES;
  private static final int L = Gemm.LANES;
  private static final int F = Features.SPATIAL;
  private static final int INPUT_TAPS = 25 * F;

  /** What a tap off the board reads: zeros for every feature. Never written. */
  private static final float[] ZEROS = new float[F];

  /** Pixels per chunk of the input convolution's gathered patches (a multiple of Gemm.ROWS). */
  private static final int CHUNK = 192;

  private final int c; // trunk channels
  private final int cp; // padded to whole vectors
  private final int h; // head channels
  private final int hp;
  private final Parallel parallel;

  private final float[] inputWeights; // [25·F][cp]
  private final float[] inputBias; // [cp]
  private final float[] globalWeights; // [c][GLOBAL]
  private final float[] globalBias;
  private final Block[] blocks;

  private final Heads heads;

  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  /** Set while {@link #profile} runs: each stage's thread time. */
  private volatile StageClock clock;

  /**
   * One residual block: the first convolution (with the pooling branch's beside it), the second.
   */
  private record Block(
      Winograd3x3 first, Winograd3x3 second, float gate, float[] poolBiasW, float[] poolBiasB) {
    boolean pooled() {
      return poolBiasW != null;
    }
  }

  /** A copy of {@code network}'s weights, evaluated with {@code threads} threads per call. */
  public static VectorNetwork of(Network network, int threads) {
    Map<String, float[]> weights = new HashMap<>();
    PairList<String, Parameter> params = network.parameters();
    for (var p : params) {
      weights.put(
          p.getKey().replaceAll("(^|_)\\d+", "$1"),
          p.getValue()
              .getArray()
              .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
              .toFloatArray());
    }
    return new VectorNetwork(network.config(), weights, threads);
  }

  private VectorNetwork(NetworkConfig config, Map<String, float[]> w, int threads) {
    this.c = config.channels();
    this.cp = Gemm.roundUp(c, L);
    this.h = config.headChannels();
    this.hp = Gemm.roundUp(h, L);
    this.parallel = new Parallel(threads);

    float[] in = Weights.need(w, "input_weight", c * INPUT_TAPS);
    inputWeights = new float[INPUT_TAPS * cp];
    for (int k = 0; k < c; k++) {
      for (int f = 0; f < F; f++) {
        for (int tap = 0; tap < 25; tap++) {
          inputWeights[(tap * F + f) * cp + k] = in[(k * F + f) * 25 + tap];
        }
      }
    }
    inputBias = Weights.padded(Weights.need(w, "input_bias", c), cp);
    globalWeights = Weights.need(w, "global_weight", c * Features.GLOBAL);
    globalBias = Weights.need(w, "global_bias", c);

    blocks = new Block[config.blocks()];
    for (int i = 0; i < blocks.length; i++) {
      String b = "block" + i + "_";
      boolean pooled = config.isGlobalPoolingBlock(i);
      Winograd3x3 first = new Winograd3x3(cp, pooled ? cp + hp : cp);
      first.setFilters(
          0,
          c,
          c,
          Weights.need(w, b + "conv1_weight", c * c * 9),
          Weights.need(w, b + "conv1_bias", c));
      Winograd3x3 second = new Winograd3x3(cp, cp);
      second.setFilters(
          0,
          c,
          c,
          Weights.need(w, b + "conv2_weight", c * c * 9),
          Weights.need(w, b + "conv2_bias", c));
      float[] poolW = null;
      float[] poolB = null;
      if (pooled) {
        first.setFilters(
            cp,
            h,
            c,
            Weights.need(w, b + "poolconv_weight", h * c * 9),
            Weights.need(w, b + "poolconv_bias", h));
        poolW = Weights.need(w, b + "poolbias_weight", c * 3 * h);
        poolB = Weights.need(w, b + "poolbias_bias", c);
      }
      blocks[i] = new Block(first, second, Weights.need(w, b + "gate", 1)[0], poolW, poolB);
    }

    heads = new Heads(config, w);
  }

  public int threads() {
    return parallel.threads();
  }

  @Override
  public String description() {
    return "the Java engine (Winograd, "
        + Gemm.LANES * 32
        + "-bit vectors, "
        + (threads() == 1 ? "1 thread)" : threads() + " threads)");
  }

  /** Per-thread buffers, grown to the largest batch seen. */
  private static final class Buffers {
    float[] x = new float[0];
    float[] y = new float[0];
    float[] z = new float[0];
    float[] heads = new float[0];

    static float[] grow(float[] a, int size) {
      return a.length >= size ? a : new float[size];
    }
  }

  /** The forward pass of {@link Network#infer}: the same outputs, as probabilities. */
  @Override
  public Network.Outputs infer(Network.Batch batch) {
    int n = batch.positions().size();
    int size = batch.canvas();
    int plane = size * size;
    int pixels = n * plane;
    int rows = Gemm.roundUp(pixels, Gemm.ROWS);
    boolean padded = batch.padded();
    float[] spatial = batch.spatial();
    float[] mask = new float[pixels];
    float[] points = new float[n];
    for (int b = 0; b < n; b++) {
      for (int q = 0; q < plane; q++) {
        float m = spatial[b * F * plane + q];
        mask[b * plane + q] = m;
        points[b] += m;
      }
    }

    Buffers buf = buffers.get();
    float[] x = buf.x = Buffers.grow(buf.x, rows * cp);
    float[] y = buf.y = Buffers.grow(buf.y, rows * cp);
    float[] z = buf.z = Buffers.grow(buf.z, rows * (cp + hp));
    float[] a = buf.heads = Buffers.grow(buf.heads, rows * heads.width());

    StageClock clock = this.clock;
    long t = clock == null ? 0 : System.nanoTime();
    inputConvolution(spatial, batch.global(), n, size, x);
    if (padded) {
      masked(x, cp, mask, pixels);
    }
    t = lap(clock, StageClock.Stage.INPUT_CONVOLUTION, t);
    for (Block block : blocks) {
      if (block.pooled()) {
        block.first().forward(x, n, size, true, z, Winograd3x3.Epilogue.PLAIN, parallel, clock);
        t = lap(clock, StageClock.Stage.CONVOLUTIONS, t);
        pooledBias(block, z, n, plane, points, y, padded ? mask : null);
        t = lap(clock, StageClock.Stage.ELEMENTWISE, t);
      } else {
        block.first().forward(x, n, size, true, y, Winograd3x3.Epilogue.RELU, parallel, clock);
        t = lap(clock, StageClock.Stage.CONVOLUTIONS, t);
        if (padded) {
          masked(y, cp, mask, pixels);
        }
        t = lap(clock, StageClock.Stage.ELEMENTWISE, t);
      }
      block
          .second()
          .forward(
              y,
              n,
              size,
              false,
              x,
              new Winograd3x3.Epilogue(false, x, block.gate()),
              parallel,
              clock);
      t = lap(clock, StageClock.Stage.CONVOLUTIONS, t);
      if (padded) {
        masked(x, cp, mask, pixels);
      }
      t = lap(clock, StageClock.Stage.ELEMENTWISE, t);
    }
    Network.Outputs outputs =
        heads.evaluate(x, a, n, size, rows, padded ? mask : null, points, parallel);
    lap(clock, StageClock.Stage.HEADS, t);
    return outputs;
  }

  /** Adds the wall time since {@code start} to a stage; returns the time now. */
  private static long lap(StageClock clock, StageClock.Stage stage, long start) {
    if (clock == null) {
      return 0;
    }
    long now = System.nanoTime();
    clock.add(stage, now - start);
    return now;
  }

  /**
   * Where a call's time goes: {@code calls} calls on one batch after three to warm up, timed as a
   * whole and by stage ({@link StageClock}).
   *
   * @param wallMillis milliseconds per call
   * @param stageMillis per stage, milliseconds per call
   */
  public record Profile(double wallMillis, java.util.Map<StageClock.Stage, Double> stageMillis) {}

  /** Profiles {@code calls} calls on a batch; not to be run beside other calls of this engine. */
  public Profile profile(Network.Batch batch, int calls) {
    for (int i = 0; i < 3; i++) {
      infer(batch);
    }
    StageClock c = new StageClock();
    clock = c;
    try {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        infer(batch);
      }
      return new Profile((System.nanoTime() - start) / 1e6 / calls, c.millisPerCall(calls));
    } finally {
      clock = null;
    }
  }

  /** The 5x5 input convolution plus the global features' linear map, into x [pixels][cp]. */
  private void inputConvolution(float[] spatial, float[] global, int n, int size, float[] x) {
    int plane = size * size;
    int pixels = n * plane;
    float[] perBoard = new float[n * cp];
    for (int b = 0; b < n; b++) {
      for (int k = 0; k < c; k++) {
        float s = globalBias[k] + inputBias[k];
        for (int g = 0; g < Features.GLOBAL; g++) {
          s += globalWeights[k * Features.GLOBAL + g] * global[b * Features.GLOBAL + g];
        }
        perBoard[b * cp + k] = s;
      }
    }
    // The features channels-innermost, so that each tap of a patch is whole vectors.
    float[] features = new float[pixels * F];
    for (int b = 0; b < n; b++) {
      for (int f = 0; f < F; f++) {
        int from = (b * F + f) * plane;
        for (int q = 0; q < plane; q++) {
          features[(b * plane + q) * F + f] = spatial[from + q];
        }
      }
    }
    int chunks = (pixels + CHUNK - 1) / CHUNK;
    parallel.forRange(
        chunks,
        (from, to) -> {
          float[] patches = new float[CHUNK * INPUT_TAPS];
          for (int ch = from; ch < to; ch++) {
            int first = ch * CHUNK;
            int count = Math.min(CHUNK, pixels - first);
            for (int i = 0; i < count; i++) {
              int pixel = first + i;
              int board = pixel / plane * plane;
              int py = pixel % plane / size;
              int px = pixel % size;
              for (int dy = 0; dy < 5; dy++) {
                int sy = py + dy - 2;
                for (int dx = 0; dx < 5; dx++) {
                  int sx = px + dx - 2;
                  int at = i * INPUT_TAPS + (dy * 5 + dx) * F;
                  // Off the board a tap reads zeros: the condition picks an array, not a vector.
                  boolean inside = sy >= 0 && sy < size && sx >= 0 && sx < size;
                  float[] source = inside ? features : ZEROS;
                  int base = inside ? (board + sy * size + sx) * F : 0;
                  for (int f = 0; f < F; f += L) {
                    FloatVector.fromArray(S, source, base + f).intoArray(patches, at + f);
                  }
                }
              }
            }
            int blockRows = Gemm.roundUp(count, Gemm.ROWS);
            Gemm.multiply(patches, 0, inputWeights, 0, x, first * cp, blockRows, INPUT_TAPS, cp);
            for (int i = 0; i < count; i++) {
              int b = (first + i) / plane;
              int at = (first + i) * cp;
              for (int k = 0; k < cp; k += L) {
                FloatVector.fromArray(S, x, at + k)
                    .add(FloatVector.fromArray(S, perBoard, b * cp + k))
                    .intoArray(x, at + k);
              }
            }
          }
        });
  }

  /**
   * A pooled block's middle: the pooling branch (channels {@code [cp, cp + h)} of z) is rectified,
   * pooled over each board and mapped to a bias for every trunk channel; y = relu(z's first c +
   * bias).
   */
  private void pooledBias(
      Block block, float[] z, int n, int plane, float[] points, float[] y, float[] mask) {
    // Board by board, the boards split between the threads.
    parallel.forRange(
        n,
        (fromBoard, toBoard) -> {
          int width = cp + hp;
          float[] pooled = new float[3 * h];
          float[] bias = new float[cp];
          for (int b = fromBoard; b < toBoard; b++) {
            for (int q = b * plane; q < (b + 1) * plane; q++) {
              int at = q * width + cp;
              float m = mask == null ? 1f : mask[q];
              for (int k = 0; k < hp; k += L) {
                FloatVector.fromArray(S, z, at + k).max(0f).mul(m).intoArray(z, at + k);
              }
            }
            GlobalPool.pool(z, width, cp, h, b * plane, plane, points[b], pooled);
            for (int k = 0; k < c; k++) {
              float s = block.poolBiasB()[k];
              for (int j = 0; j < 3 * h; j++) {
                s += block.poolBiasW()[k * 3 * h + j] * pooled[j];
              }
              bias[k] = s;
            }
            for (int q = b * plane; q < (b + 1) * plane; q++) {
              float m = mask == null ? 1f : mask[q];
              for (int k = 0; k < cp; k += L) {
                FloatVector.fromArray(S, z, q * width + k)
                    .add(FloatVector.fromArray(S, bias, k))
                    .max(0f)
                    .mul(m)
                    .intoArray(y, q * cp + k);
              }
            }
          }
        });
  }

  private static void masked(float[] a, int width, float[] mask, int pixels) {
    for (int q = 0; q < pixels; q++) {
      if (mask[q] == 0f) {
        java.util.Arrays.fill(a, q * width, (q + 1) * width, 0f);
      }
    }
  }
}
