package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3 convolution with padding 1 by Winograd's minimal filtering F(m x m, 3x3) (Lavin and Gray,
 * arXiv 1509.09308): each input tile of {@code (m + 2)²} points becomes as many transformed values
 * per channel, the channels are mixed by that many independent matrix products, and each product's
 * result gives the tile's {@code m²} outputs. F(4x4) takes 36 multiplications per 16 outputs where
 * direct convolution takes 144, F(5x5) 49 per 25 where it takes 225. The tile size is chosen per
 * board size ({@link ToomCook#bestTile}).
 *
 * <p>Activations are NHWC (channels innermost, padded to whole vectors), so both transforms work on
 * a vector of channels at a time.
 */
final class Winograd3x3 {

  private static final VectorSpecies<Float> S = Gemm.SPECIES;
  private static final int L = Gemm.LANES;

  /** One vector of zeros, what an input off the board reads. Never written. */
  private static final float[] ZEROS = new float[L];

  /** The bytes of a chunk's transformed inputs and products: half a core's own cache or less. */
  private static final int CHUNK_BYTES =
      Integer.getInteger("tengen.winograd.chunkBytes", 512 << 10);

  /** A thread's buffers for one chunk, kept between calls. */
  private static final ThreadLocal<float[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new float[2][0]);

  final int in;
  final int out;
  private final float[] weights; // PyTorch's [out][in][3][3], padded channels zero
  private final float[] bias; // [out]
  private final Plan[] plans = new Plan[6]; // by tile size m (2 to 5), made on first use

  /**
   * One tile size's transformed filters and transforms.
   *
   * @param u the transformed filters [n²][in][out]
   * @param chunk tiles transformed, multiplied and transformed back at a time by one thread: few
   *     enough that the chunk's transformed inputs and products stay in the core's own cache, so
   *     that only the filters come from further away (whole batches at once fell 20% behind at
   *     batch 64); a multiple of {@link Gemm#ROWS}
   */
  private record Plan(ToomCook tc, InputTransform bt, OutputTransform at, float[] u, int chunk) {}

  /**
   * @param in input channels, a multiple of {@link Gemm#LANES}
   * @param out output channels, a multiple of {@link Gemm#LANES}
   */
  Winograd3x3(int in, int out) {
    if (in % L != 0 || out % L != 0) {
      throw new IllegalArgumentException("channels " + in + ", " + out + " are not whole vectors");
    }
    this.in = in;
    this.out = out;
    this.weights = new float[out * in * 9];
    this.bias = new float[out];
  }

  /**
   * Sets outputs {@code [first, first + count)} from PyTorch's layout: weights
   * [count][inputs][3][3] and bias [count]; inputs beyond {@code inputs} stay zero. Before the
   * first {@link #forward}.
   */
  void setFilters(int first, int count, int inputs, float[] w, float[] biases) {
    for (int k = 0; k < count; k++) {
      bias[first + k] = biases[k];
      for (int c = 0; c < inputs; c++) {
        System.arraycopy(w, (k * inputs + c) * 9, weights, ((first + k) * in + c) * 9, 9);
      }
    }
  }

  private Plan plan(int m) {
    synchronized (plans) {
      if (plans[m] == null) {
        ToomCook tc = ToomCook.of(m);
        int n = tc.n();
        float[] u = new float[n * n * in * out];
        double[][] g = tc.g();
        for (int k = 0; k < out; k++) {
          for (int c = 0; c < in; c++) {
            int w = (k * in + c) * 9;
            double[][] t = new double[n][3];
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < 3; j++) {
                t[i][j] =
                    g[i][0] * weights[w + j]
                        + g[i][1] * weights[w + 3 + j]
                        + g[i][2] * weights[w + 6 + j];
              }
            }
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < n; j++) {
                double s = t[i][0] * g[j][0] + t[i][1] * g[j][1] + t[i][2] * g[j][2];
                u[((i * n + j) * in + c) * out + k] = (float) s;
              }
            }
          }
        }
        int fit = CHUNK_BYTES / (n * n * 4 * (in + out)) / Gemm.ROWS * Gemm.ROWS;
        int chunk = Math.max(Gemm.ROWS, Math.min(96, fit));
        plans[m] = new Plan(tc, InputTransform.of(tc), OutputTransform.of(tc), u, chunk);
      }
      return plans[m];
    }
  }

  /**
   * What happens to each output value {@code y} (the convolution plus its bias): with a residual
   * {@code r}, {@code r + gate·y}; then with relu, {@code max(0, ·)}.
   */
  record Epilogue(boolean relu, float[] residual, float gate) {
    static final Epilogue PLAIN = new Epilogue(false, null, 0f);
    static final Epilogue RELU = new Epilogue(true, null, 0f);
  }

  /**
   * The convolution of {@code n} boards of {@code size}x{@code size}, src [n][size][size][in] to
   * dst [n][size][size][out] (dst may be the epilogue's residual, not src).
   *
   * @param reluIn whether to read {@code max(0, x)} instead of {@code x}
   * @param clock where each stage's thread time is added, or null
   */
  void forward(
      float[] src,
      int n,
      int size,
      boolean reluIn,
      float[] dst,
      Epilogue epilogue,
      Parallel parallel,
      StageClock clock) {
    forward(ToomCook.bestTile(size), src, n, size, reluIn, dst, epilogue, parallel, clock);
  }

  /** {@link #forward} with tiles of {@code m x m} outputs, whatever the board. */
  void forward(
      int m,
      float[] src,
      int n,
      int size,
      boolean reluIn,
      float[] dst,
      Epilogue epilogue,
      Parallel parallel,
      StageClock clock) {
    Plan plan = plan(m);
    int side = m + 2;
    int points = side * side;
    int tiles = (size + m - 1) / m;
    int p = n * tiles * tiles;
    int chunk = plan.chunk();
    int chunks = (p + chunk - 1) / chunk;
    parallel.forRange(
        chunks,
        (from, to) -> {
          float[][] buffers = BUFFERS.get();
          if (buffers[0].length < points * chunk * in) {
            buffers[0] = new float[points * chunk * in];
          }
          if (buffers[1].length < points * chunk * out) {
            buffers[1] = new float[points * chunk * out];
          }
          float[] v = buffers[0];
          float[] mm = buffers[1];
          for (int ch = from; ch < to; ch++) {
            int first = ch * chunk;
            int count = Math.min(chunk, p - first);
            int rows = Gemm.roundUp(count, Gemm.ROWS);
            long t0 = clock == null ? 0 : System.nanoTime();
            inputTransform(plan, src, size, tiles, reluIn, v, first, count);
            long t1 = clock == null ? 0 : System.nanoTime();
            float[] u = plan.u();
            for (int xi = 0; xi < points; xi++) {
              Gemm.multiply(
                  v, xi * chunk * in, u, xi * in * out, mm, xi * chunk * out, rows, in, out);
            }
            long t2 = clock == null ? 0 : System.nanoTime();
            outputTransform(plan, mm, size, tiles, dst, epilogue, first, count);
            if (clock != null) {
              long t3 = System.nanoTime();
              clock.add(StageClock.Stage.TRANSFORM_IN, t1 - t0);
              clock.add(StageClock.Stage.MULTIPLY, t2 - t1);
              clock.add(StageClock.Stage.TRANSFORM_OUT, t3 - t2);
            }
          }
        });
  }

  // The transforms pass arrays and offsets, never vectors, between methods: a vector argument of
  // a call the JIT does not inline is boxed on the heap, which made the first version's input
  // transform a quarter of a convolution's time.

  private void inputTransform(
      Plan plan, float[] src, int size, int tiles, boolean relu, float[] v, int first, int count) {
    int m = plan.tc().m();
    int side = m + 2;
    float[] edge = new float[side * L]; // a row of an edge tile's inputs, zero off the board
    float[] t = new float[side * side * L]; // each input row transformed along x
    float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
    FloatVector zero = FloatVector.zero(S);
    int rowStride = size * in;
    int plane = plan.chunk() * in;
    InputTransform bt = plan.bt();
    for (int p = first; p < first + count; p++) {
      int board = p / (tiles * tiles);
      int y0 = p / tiles % tiles * m - 1;
      int x0 = p % tiles * m - 1;
      boolean inside = x0 >= 0 && x0 + side <= size;
      int boardBase = board * size * rowStride;
      for (int c = 0; c < in; c += L) {
        // Along x, row by row: a row inside the board is read where it lies; a row off the board
        // is zero, and so is its transform.
        for (int i = 0; i < side; i++) {
          int y = y0 + i;
          if (y < 0 || y >= size) {
            for (int j = 0; j < side; j++) {
              zero.intoArray(t, (i * side + j) * L);
            }
          } else if (inside) {
            bt.apply(src, boardBase + y * rowStride + x0 * in + c, in, floor, t, i * side * L, L);
          } else {
            int rowBase = boardBase + y * rowStride + c;
            for (int j = 0; j < side; j++) {
              int x = x0 + j;
              boolean on = x >= 0 && x < size;
              FloatVector.fromArray(S, on ? src : ZEROS, on ? rowBase + x * in : 0)
                  .intoArray(edge, j * L);
            }
            bt.apply(edge, 0, L, floor, t, i * side * L, L);
          }
        }
        // Then along y, column by column, into the chunk's planes.
        int o = (p - first) * in + c;
        for (int j = 0; j < side; j++) {
          bt.apply(t, j * L, side * L, Float.NEGATIVE_INFINITY, v, j * plane + o, side * plane);
        }
      }
    }
  }

  private void outputTransform(
      Plan plan, float[] mm, int size, int tiles, float[] dst, Epilogue e, int first, int count) {
    int m = plan.tc().m();
    int side = m + 2;
    float[] t = new float[m * side * L]; // Aᵀ M
    float[] scratch = new float[m * L];
    int plane = plan.chunk() * out;
    OutputTransform at = plan.at();
    for (int p = first; p < first + count; p++) {
      int board = p / (tiles * tiles);
      int ty = p / tiles % tiles;
      int tx = p % tiles;
      int rows = Math.min(m, size - ty * m);
      int columns = Math.min(m, size - tx * m);
      for (int k = 0; k < out; k += L) {
        // Aᵀ M down each column of the product, then along each of the tile's rows on the board,
        // finished where the outputs go.
        for (int j = 0; j < side; j++) {
          at.apply(mm, j * plane + (p - first) * out + k, side * plane, t, j * L, side * L);
        }
        for (int i = 0; i < rows; i++) {
          int base = ((board * size + ty * m + i) * size + tx * m) * out + k;
          at.finish(t, i * side * L, L, dst, base, out, columns, bias, k, e, scratch);
        }
      }
    }
  }

  /**
   * Bᵀ applied to vectors: {@code apply} multiplies the vectors {@code stride} apart from {@code
   * at}, each first raised to at least {@code floor} (0 for a rectified input, -∞ for none), by it
   * and writes its rows' results {@code toStride} apart from {@code toAt}. F(3x3), F(4x4) and
   * F(5x5) have theirs written out (additions and small multiples; the general form took F(5x5) to
   * less than half their speed at 19x19); F(2x2) uses the matrix's non-zero entries.
   */
  private abstract static class InputTransform {
    abstract void apply(
        float[] from, int at, int stride, float floor, float[] to, int toAt, int toStride);

    static InputTransform of(ToomCook tc) {
      return switch (tc.m()) {
        case 5 -> new InputF5();
        case 4 -> new InputF4();
        case 3 -> new InputF3();
        default -> new Sparse(tc.bt());
      };
    }
  }

  /** Aᵀ applied to vectors, as {@link InputTransform} does with Bᵀ, with no floor. */
  private abstract static class OutputTransform {
    abstract void apply(float[] from, int at, int stride, float[] to, int toAt, int toStride);

    /**
     * The last pass: Aᵀ of the vectors {@code stride} apart from {@code at}, the first {@code
     * count} results plus {@code bias[biasAt..]} finished by the epilogue (its residual read where
     * the output goes) into {@code dst}, {@code dstStride} apart from {@code dstAt}. This form goes
     * through {@code scratch}; F(5x5) writes its own without it.
     */
    void finish(
        float[] from,
        int at,
        int stride,
        float[] dst,
        int dstAt,
        int dstStride,
        int count,
        float[] bias,
        int biasAt,
        Epilogue e,
        float[] scratch) {
      apply(from, at, stride, scratch, 0, L);
      FloatVector b = FloatVector.fromArray(S, bias, biasAt);
      FloatVector floor = FloatVector.broadcast(S, e.relu() ? 0f : Float.NEGATIVE_INFINITY);
      FloatVector gate = FloatVector.broadcast(S, e.gate());
      float[] residual = e.residual();
      for (int x = 0; x < count; x++) {
        FloatVector value = FloatVector.fromArray(S, scratch, x * L).add(b);
        int to = dstAt + x * dstStride;
        if (residual != null) {
          value = value.fma(gate, FloatVector.fromArray(S, residual, to));
        }
        value.max(floor).intoArray(dst, to);
      }
    }

    static OutputTransform of(ToomCook tc) {
      return switch (tc.m()) {
        case 5 -> new OutputF5();
        case 4 -> new OutputF4();
        case 3 -> new OutputF3();
        default -> {
          Sparse matrix = new Sparse(tc.at());
          yield new OutputTransform() {
            @Override
            void apply(float[] from, int at, int stride, float[] to, int toAt, int toStride) {
              matrix.apply(from, at, stride, Float.NEGATIVE_INFINITY, to, toAt, toStride);
            }
          };
        }
      };
    }
  }

  /**
   * Bᵀ of F(5x5, 3x3), points 0, ±1, ±2, 1/2: 27 multiply-adds and subtractions for 7 rows (49 as
   * separate multiplications and additions, which measured slower: the transforms are bound by the
   * count of vector operations, not by memory).
   */
  private static final class InputF5 extends InputTransform {
    @Override
    void apply(float[] from, int at, int stride, float floor, float[] to, int toAt, int toStride) {
      FloatVector f = FloatVector.broadcast(S, floor);
      FloatVector d0 = FloatVector.fromArray(S, from, at).max(f);
      FloatVector d1 = FloatVector.fromArray(S, from, at + stride).max(f);
      FloatVector d2 = FloatVector.fromArray(S, from, at + 2 * stride).max(f);
      FloatVector d3 = FloatVector.fromArray(S, from, at + 3 * stride).max(f);
      FloatVector d4 = FloatVector.fromArray(S, from, at + 4 * stride).max(f);
      FloatVector d5 = FloatVector.fromArray(S, from, at + 5 * stride).max(f);
      FloatVector d6 = FloatVector.fromArray(S, from, at + 6 * stride).max(f);
      FloatVector two = FloatVector.broadcast(S, 2f);
      FloatVector minusTwo = FloatVector.broadcast(S, -2f);
      FloatVector four = FloatVector.broadcast(S, 4f);
      FloatVector minusFive = FloatVector.broadcast(S, -5f);
      FloatVector half = FloatVector.broadcast(S, 0.5f);
      FloatVector minusHalf = FloatVector.broadcast(S, -0.5f);
      FloatVector fiveHalves = FloatVector.broadcast(S, 2.5f);
      FloatVector threeHalves = FloatVector.broadcast(S, 1.5f);
      // -2d0 + 4d1 + 5/2 d2 - 5d3 - 1/2 d4 + d5
      d0.fma(minusTwo, d5)
          .add(d1.fma(four, d2.mul(fiveHalves)))
          .add(d3.fma(minusFive, d4.mul(minusHalf)))
          .intoArray(to, toAt);
      // 2d1 - 2d2 - 9/2 d3 + 1/2 d4 + d5
      d1.sub(d2)
          .fma(two, d5)
          .add(d3.fma(FloatVector.broadcast(S, -4.5f), d4.mul(half)))
          .intoArray(to, toAt + toStride);
      // -2d1 + 6d2 - 7/2 d3 - 3/2 d4 + d5
      d1.fma(minusTwo, d5)
          .add(d2.fma(FloatVector.broadcast(S, 6f), d3.mul(FloatVector.broadcast(S, -3.5f))))
          .sub(d4.mul(threeHalves))
          .intoArray(to, toAt + 2 * toStride);
      // d1 - 3/2 d2 - 2d3 + 3/2 d4 + d5
      d4.sub(d2)
          .fma(threeHalves, d1.add(d5))
          .add(d3.mul(minusTwo))
          .intoArray(to, toAt + 3 * toStride);
      // -d1 + 5/2 d2 - 5/2 d4 + d5
      d2.sub(d4).fma(fiveHalves, d5.sub(d1)).intoArray(to, toAt + 4 * toStride);
      // 4d1 - 5d3 + d5
      d1.fma(four, d3.fma(minusFive, d5)).intoArray(to, toAt + 5 * toStride);
      // -2d1 + 4d2 + 5/2 d3 - 5d4 - 1/2 d5 + d6
      d1.fma(minusTwo, d6)
          .add(d2.fma(four, d3.mul(fiveHalves)))
          .add(d4.fma(minusFive, d5.mul(minusHalf)))
          .intoArray(to, toAt + 6 * toStride);
    }
  }

  /** Aᵀ of F(5x5, 3x3). */
  private static final class OutputF5 extends OutputTransform {
    @Override
    void apply(float[] from, int at, int stride, float[] to, int toAt, int toStride) {
      FloatVector m0 = FloatVector.fromArray(S, from, at);
      FloatVector m1 = FloatVector.fromArray(S, from, at + stride);
      FloatVector m2 = FloatVector.fromArray(S, from, at + 2 * stride);
      FloatVector m3 = FloatVector.fromArray(S, from, at + 3 * stride);
      FloatVector m4 = FloatVector.fromArray(S, from, at + 4 * stride);
      FloatVector m5 = FloatVector.fromArray(S, from, at + 5 * stride);
      FloatVector m6 = FloatVector.fromArray(S, from, at + 6 * stride);
      FloatVector s12 = m1.add(m2);
      FloatVector d12 = m1.sub(m2);
      FloatVector s34 = m3.add(m4);
      FloatVector d34 = m3.sub(m4);
      s12.add(s34).add(m0.add(m5)).intoArray(to, toAt);
      d34.fma(FloatVector.broadcast(S, 2f), m5.fma(FloatVector.broadcast(S, 0.5f), d12))
          .intoArray(to, toAt + toStride);
      s34.fma(FloatVector.broadcast(S, 4f), m5.fma(FloatVector.broadcast(S, 0.25f), s12))
          .intoArray(to, toAt + 2 * toStride);
      d34.fma(FloatVector.broadcast(S, 8f), m5.fma(FloatVector.broadcast(S, 0.125f), d12))
          .intoArray(to, toAt + 3 * toStride);
      s34.fma(FloatVector.broadcast(S, 16f), m5.fma(FloatVector.broadcast(S, 0.0625f), s12))
          .add(m6)
          .intoArray(to, toAt + 4 * toStride);
    }

    // The same sums, finished in registers: no scratch row written and read back.
    @Override
    void finish(
        float[] from,
        int at,
        int stride,
        float[] dst,
        int dstAt,
        int dstStride,
        int count,
        float[] bias,
        int biasAt,
        Epilogue e,
        float[] scratch) {
      FloatVector b = FloatVector.fromArray(S, bias, biasAt);
      FloatVector m0 = FloatVector.fromArray(S, from, at).add(b);
      FloatVector m1 = FloatVector.fromArray(S, from, at + stride);
      FloatVector m2 = FloatVector.fromArray(S, from, at + 2 * stride);
      FloatVector m3 = FloatVector.fromArray(S, from, at + 3 * stride);
      FloatVector m4 = FloatVector.fromArray(S, from, at + 4 * stride);
      FloatVector m5 = FloatVector.fromArray(S, from, at + 5 * stride);
      FloatVector m6 = FloatVector.fromArray(S, from, at + 6 * stride).add(b);
      FloatVector s12 = m1.add(m2);
      FloatVector d12 = m1.sub(m2).add(b);
      FloatVector s34 = m3.add(m4);
      FloatVector d34 = m3.sub(m4);
      FloatVector s12b = s12.add(b);
      // Each row of Aᵀ has one term whose coefficient is 1 that takes the bias: m0, d12, s12, m6.
      FloatVector y0 = s12.add(s34).add(m0.add(m5));
      FloatVector y1 =
          d34.fma(FloatVector.broadcast(S, 2f), m5.fma(FloatVector.broadcast(S, 0.5f), d12));
      FloatVector y2 =
          s34.fma(FloatVector.broadcast(S, 4f), m5.fma(FloatVector.broadcast(S, 0.25f), s12b));
      FloatVector y3 =
          d34.fma(FloatVector.broadcast(S, 8f), m5.fma(FloatVector.broadcast(S, 0.125f), d12));
      FloatVector y4 =
          s34.fma(FloatVector.broadcast(S, 16f), m5.fma(FloatVector.broadcast(S, 0.0625f), s12))
              .add(m6);
      FloatVector floor = FloatVector.broadcast(S, e.relu() ? 0f : Float.NEGATIVE_INFINITY);
      float[] r = e.residual();
      if (r == null) {
        y0.max(floor).intoArray(dst, dstAt);
        if (count > 1) {
          y1.max(floor).intoArray(dst, dstAt + dstStride);
        }
        if (count > 2) {
          y2.max(floor).intoArray(dst, dstAt + 2 * dstStride);
        }
        if (count > 3) {
          y3.max(floor).intoArray(dst, dstAt + 3 * dstStride);
        }
        if (count > 4) {
          y4.max(floor).intoArray(dst, dstAt + 4 * dstStride);
        }
      } else {
        FloatVector g = FloatVector.broadcast(S, e.gate());
        y0.fma(g, FloatVector.fromArray(S, r, dstAt)).max(floor).intoArray(dst, dstAt);
        if (count > 1) {
          int o = dstAt + dstStride;
          y1.fma(g, FloatVector.fromArray(S, r, o)).max(floor).intoArray(dst, o);
        }
        if (count > 2) {
          int o = dstAt + 2 * dstStride;
          y2.fma(g, FloatVector.fromArray(S, r, o)).max(floor).intoArray(dst, o);
        }
        if (count > 3) {
          int o = dstAt + 3 * dstStride;
          y3.fma(g, FloatVector.fromArray(S, r, o)).max(floor).intoArray(dst, o);
        }
        if (count > 4) {
          int o = dstAt + 4 * dstStride;
          y4.fma(g, FloatVector.fromArray(S, r, o)).max(floor).intoArray(dst, o);
        }
      }
    }
  }

  /** Bᵀ of F(4x4, 3x3), points 0, ±1, ±2. */
  private static final class InputF4 extends InputTransform {
    @Override
    void apply(float[] from, int at, int stride, float floor, float[] to, int toAt, int toStride) {
      FloatVector f = FloatVector.broadcast(S, floor);
      FloatVector d0 = FloatVector.fromArray(S, from, at).max(f);
      FloatVector d1 = FloatVector.fromArray(S, from, at + stride).max(f);
      FloatVector d2 = FloatVector.fromArray(S, from, at + 2 * stride).max(f);
      FloatVector d3 = FloatVector.fromArray(S, from, at + 3 * stride).max(f);
      FloatVector d4 = FloatVector.fromArray(S, from, at + 4 * stride).max(f);
      FloatVector d5 = FloatVector.fromArray(S, from, at + 5 * stride).max(f);
      FloatVector d4m2 = d4.sub(d2);
      d2.mul(-5f).add(d4).add(d0.mul(4f)).intoArray(to, toAt);
      d1.add(d2).mul(-4f).add(d3).add(d4).intoArray(to, toAt + toStride);
      d1.sub(d2).mul(4f).sub(d3).add(d4).intoArray(to, toAt + 2 * toStride);
      d3.sub(d1).mul(2f).add(d4m2).intoArray(to, toAt + 3 * toStride);
      d1.sub(d3).mul(2f).add(d4m2).intoArray(to, toAt + 4 * toStride);
      d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(to, toAt + 5 * toStride);
    }
  }

  /** Aᵀ of F(4x4, 3x3). */
  private static final class OutputF4 extends OutputTransform {
    @Override
    void apply(float[] from, int at, int stride, float[] to, int toAt, int toStride) {
      FloatVector m0 = FloatVector.fromArray(S, from, at);
      FloatVector m1 = FloatVector.fromArray(S, from, at + stride);
      FloatVector m2 = FloatVector.fromArray(S, from, at + 2 * stride);
      FloatVector m3 = FloatVector.fromArray(S, from, at + 3 * stride);
      FloatVector m4 = FloatVector.fromArray(S, from, at + 4 * stride);
      FloatVector m5 = FloatVector.fromArray(S, from, at + 5 * stride);
      FloatVector s12 = m1.add(m2);
      FloatVector d12 = m1.sub(m2);
      FloatVector s34 = m3.add(m4);
      FloatVector d34 = m3.sub(m4);
      s12.add(s34).add(m0).intoArray(to, toAt);
      d34.mul(2f).add(d12).intoArray(to, toAt + toStride);
      s34.mul(4f).add(s12).intoArray(to, toAt + 2 * toStride);
      d34.mul(8f).add(d12).add(m5).intoArray(to, toAt + 3 * toStride);
    }
  }

  /** Bᵀ of F(3x3, 3x3), points 0, ±1, 2. */
  private static final class InputF3 extends InputTransform {
    @Override
    void apply(float[] from, int at, int stride, float floor, float[] to, int toAt, int toStride) {
      FloatVector f = FloatVector.broadcast(S, floor);
      FloatVector d0 = FloatVector.fromArray(S, from, at).max(f);
      FloatVector d1 = FloatVector.fromArray(S, from, at + stride).max(f);
      FloatVector d2 = FloatVector.fromArray(S, from, at + 2 * stride).max(f);
      FloatVector d3 = FloatVector.fromArray(S, from, at + 3 * stride).max(f);
      FloatVector d4 = FloatVector.fromArray(S, from, at + 4 * stride).max(f);
      FloatVector d3m1 = d3.sub(d1);
      d0.sub(d2).mul(2f).add(d3m1).intoArray(to, toAt); // 2d0 - d1 - 2d2 + d3
      d3.sub(d2).sub(d1.mul(2f)).intoArray(to, toAt + toStride); // -2d1 - d2 + d3
      d1.mul(2f).sub(d2.mul(3f)).add(d3).intoArray(to, toAt + 2 * toStride); // 2d1 - 3d2 + d3
      d3m1.intoArray(to, toAt + 3 * toStride); // -d1 + d3
      d1.sub(d3).mul(2f).sub(d2).add(d4).intoArray(to, toAt + 4 * toStride); // 2d1 - d2 - 2d3 + d4
    }
  }

  /** Aᵀ of F(3x3, 3x3). */
  private static final class OutputF3 extends OutputTransform {
    @Override
    void apply(float[] from, int at, int stride, float[] to, int toAt, int toStride) {
      FloatVector m0 = FloatVector.fromArray(S, from, at);
      FloatVector m1 = FloatVector.fromArray(S, from, at + stride);
      FloatVector m2 = FloatVector.fromArray(S, from, at + 2 * stride);
      FloatVector m3 = FloatVector.fromArray(S, from, at + 3 * stride);
      FloatVector m4 = FloatVector.fromArray(S, from, at + 4 * stride);
      FloatVector s12 = m1.add(m2);
      s12.add(m0).add(m3).intoArray(to, toAt); // m0 + m1 + m2 + m3
      m1.sub(m2).add(m3.mul(2f)).intoArray(to, toAt + toStride); // m1 - m2 + 2m3
      s12.add(m3.mul(4f)).add(m4).intoArray(to, toAt + 2 * toStride); // m1 + m2 + 4m3 + m4
    }
  }

  /** Any transform matrix, kept as its non-zero entries. */
  private static final class Sparse extends InputTransform {
    private final int[][] columns; // per row, the columns of its non-zero entries
    private final float[][] values; // and their values

    Sparse(double[][] matrix) {
      columns = new int[matrix.length][];
      values = new float[matrix.length][];
      for (int r = 0; r < matrix.length; r++) {
        int nonZero = 0;
        for (double x : matrix[r]) {
          nonZero += x != 0 ? 1 : 0;
        }
        columns[r] = new int[nonZero];
        values[r] = new float[nonZero];
        int q = 0;
        for (int c = 0; c < matrix[r].length; c++) {
          if (matrix[r][c] != 0) {
            columns[r][q] = c;
            values[r][q++] = (float) matrix[r][c];
          }
        }
      }
    }

    @Override
    void apply(float[] from, int at, int stride, float floor, float[] to, int toAt, int toStride) {
      FloatVector f = FloatVector.broadcast(S, floor);
      for (int r = 0; r < columns.length; r++) {
        int[] cs = columns[r];
        float[] vs = values[r];
        FloatVector sum = FloatVector.fromArray(S, from, at + cs[0] * stride).max(f).mul(vs[0]);
        for (int q = 1; q < cs.length; q++) {
          sum =
              FloatVector.fromArray(S, from, at + cs[q] * stride)
                  .max(f)
                  .fma(FloatVector.broadcast(S, vs[q]), sum);
        }
        sum.intoArray(to, toAt + r * toStride);
      }
    }
  }
}
