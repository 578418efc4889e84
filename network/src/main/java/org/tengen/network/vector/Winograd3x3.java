package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 3x3 convolution with padding 1 by Winograd's minimal filtering F(4x4, 3x3) (Lavin and Gray,
 * arXiv 1509.09308): each 6x6 input tile becomes 36 transformed values per channel, the channels
 * are mixed by 36 independent matrix products, and each product's 6x6 result gives 4x4 outputs.
 * That is 36 multiplications per 16 outputs where direct convolution takes 144: a quarter of the
 * arithmetic, paid for with two cheap transforms of additions and small constants.
 *
 * <p>Activations are NHWC (channels innermost, padded to whole vectors), so both transforms work on
 * a vector of channels at a time.
 */
final class Winograd3x3 {

  private static final VectorSpecies<Float> S = Gemm.SPECIES;
  private static final int L = Gemm.LANES;

  // G of F(4x4, 3x3): the filter transform U = G g Gᵀ.
  private static final double[][] G = {
    {1 / 4.0, 0, 0},
    {-1 / 6.0, -1 / 6.0, -1 / 6.0},
    {-1 / 6.0, 1 / 6.0, -1 / 6.0},
    {1 / 24.0, 1 / 12.0, 1 / 6.0},
    {1 / 24.0, -1 / 12.0, 1 / 6.0},
    {0, 0, 1}
  };

  final int in;
  final int out;
  private final float[] u; // [36][in][out]
  private final float[] bias; // [out]

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
    this.u = new float[36 * in * out];
    this.bias = new float[out];
    int fit = CHUNK_BYTES / (36 * 4 * (in + out)) / Gemm.ROWS * Gemm.ROWS;
    this.chunk = Math.max(Gemm.ROWS, Math.min(96, fit));
  }

  /**
   * Sets outputs {@code [first, first + count)} from PyTorch's layout: weights
   * [count][inputs][3][3] and bias [count]; inputs beyond {@code inputs} stay zero.
   */
  void setFilters(int first, int count, int inputs, float[] weights, float[] biases) {
    for (int k = 0; k < count; k++) {
      bias[first + k] = biases[k];
      for (int c = 0; c < inputs; c++) {
        int g = (k * inputs + c) * 9;
        double[][] t = new double[6][3];
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 3; j++) {
            t[i][j] =
                G[i][0] * weights[g + j]
                    + G[i][1] * weights[g + 3 + j]
                    + G[i][2] * weights[g + 6 + j];
          }
        }
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 6; j++) {
            double s = t[i][0] * G[j][0] + t[i][1] * G[j][1] + t[i][2] * G[j][2];
            u[((i * 6 + j) * in + c) * out + first + k] = (float) s;
          }
        }
      }
    }
  }

  /** The bytes of a chunk's transformed inputs and products: half a core's own cache or less. */
  private static final int CHUNK_BYTES =
      Integer.getInteger("tengen.winograd.chunkBytes", 512 << 10);

  /**
   * Tiles transformed, multiplied and transformed back at a time by one thread: few enough that the
   * chunk's 36 transformed inputs and products stay in the core's own cache, so that only the
   * weights come from further away (measured: whole batches at once fell 20% behind at batch 64). A
   * multiple of {@link Gemm#ROWS}.
   */
  final int chunk;

  /** A thread's buffers for one chunk, kept between calls. */
  private static final ThreadLocal<float[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new float[2][0]);

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
   */
  void forward(
      float[] src,
      int n,
      int size,
      boolean reluIn,
      float[] dst,
      Epilogue epilogue,
      Parallel parallel) {
    int tiles = (size + 3) / 4;
    int p = n * tiles * tiles;
    int chunks = (p + chunk - 1) / chunk;
    parallel.forRange(
        chunks,
        (from, to) -> {
          float[][] buffers = BUFFERS.get();
          if (buffers[0].length < 36 * chunk * in) {
            buffers[0] = new float[36 * chunk * in];
          }
          if (buffers[1].length < 36 * chunk * out) {
            buffers[1] = new float[36 * chunk * out];
          }
          float[] v = buffers[0];
          float[] m = buffers[1];
          for (int ch = from; ch < to; ch++) {
            int first = ch * chunk;
            int count = Math.min(chunk, p - first);
            int rows = Gemm.roundUp(count, Gemm.ROWS);
            inputTransform(src, size, tiles, reluIn, v, first, count);
            for (int xi = 0; xi < 36; xi++) {
              Gemm.multiply(
                  v, xi * chunk * in, u, xi * in * out, m, xi * chunk * out, rows, in, out);
            }
            outputTransform(m, size, tiles, dst, epilogue, first, count);
          }
        });
  }

  private void inputTransform(
      float[] src, int size, int tiles, boolean relu, float[] v, int first, int count) {
    float[] t = new float[36 * L];
    FloatVector zero = FloatVector.zero(S);
    int rowStride = size * in;
    int plane = chunk * in;
    for (int p = first; p < first + count; p++) {
      int board = p / (tiles * tiles);
      int ty = p / tiles % tiles;
      int tx = p % tiles;
      int y0 = ty * 4 - 1;
      for (int c = 0; c < in; c += L) {
        // Bᵀ d over each of the patch's six columns, then the same over the six rows of that.
        for (int j = 0; j < 6; j++) {
          int x = tx * 4 - 1 + j;
          FloatVector d0 = zero, d1 = zero, d2 = zero, d3 = zero, d4 = zero, d5 = zero;
          if (x >= 0 && x < size) {
            int base = (board * size) * rowStride + x * in + c;
            d0 = load(src, base, y0, size, rowStride, relu);
            d1 = load(src, base, y0 + 1, size, rowStride, relu);
            d2 = load(src, base, y0 + 2, size, rowStride, relu);
            d3 = load(src, base, y0 + 3, size, rowStride, relu);
            d4 = load(src, base, y0 + 4, size, rowStride, relu);
            d5 = load(src, base, y0 + 5, size, rowStride, relu);
          }
          transformB(d0, d1, d2, d3, d4, d5, t, j * L, 6 * L);
        }
        int o = (p - first) * in + c;
        for (int i = 0; i < 6; i++) {
          int r = i * 6 * L;
          transformB(
              FloatVector.fromArray(S, t, r),
              FloatVector.fromArray(S, t, r + L),
              FloatVector.fromArray(S, t, r + 2 * L),
              FloatVector.fromArray(S, t, r + 3 * L),
              FloatVector.fromArray(S, t, r + 4 * L),
              FloatVector.fromArray(S, t, r + 5 * L),
              v,
              i * 6 * plane + o,
              plane);
        }
      }
    }
  }

  private static FloatVector load(
      float[] src, int base, int y, int size, int rowStride, boolean relu) {
    if (y < 0 || y >= size) {
      return FloatVector.zero(S);
    }
    FloatVector d = FloatVector.fromArray(S, src, base + y * rowStride);
    return relu ? d.max(0f) : d;
  }

  /** Bᵀ applied to six vectors, written {@code stride} apart from {@code at}. */
  private static void transformB(
      FloatVector d0,
      FloatVector d1,
      FloatVector d2,
      FloatVector d3,
      FloatVector d4,
      FloatVector d5,
      float[] to,
      int at,
      int stride) {
    FloatVector d4m2 = d4.sub(d2);
    d2.mul(-5f).add(d4).add(d0.mul(4f)).intoArray(to, at);
    d1.add(d2).mul(-4f).add(d3).add(d4).intoArray(to, at + stride);
    d1.sub(d2).mul(4f).sub(d3).add(d4).intoArray(to, at + 2 * stride);
    d3.sub(d1).mul(2f).add(d4m2).intoArray(to, at + 3 * stride);
    d1.sub(d3).mul(2f).add(d4m2).intoArray(to, at + 4 * stride);
    d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(to, at + 5 * stride);
  }

  private void outputTransform(
      float[] m, int size, int tiles, float[] dst, Epilogue e, int first, int count) {
    float[] t = new float[28 * L]; // 4x6 column results, then one row's four outputs
    int plane = chunk * out;
    for (int p = first; p < first + count; p++) {
      int board = p / (tiles * tiles);
      int ty = p / tiles % tiles;
      int tx = p % tiles;
      for (int k = 0; k < out; k += L) {
        FloatVector b = FloatVector.fromArray(S, bias, k);
        // Aᵀ m over each of the six columns of the 6x6 product, then over the four rows left.
        for (int j = 0; j < 6; j++) {
          int o = j * plane + (p - first) * out + k;
          int step = 6 * plane;
          transformA(
              FloatVector.fromArray(S, m, o),
              FloatVector.fromArray(S, m, o + step),
              FloatVector.fromArray(S, m, o + 2 * step),
              FloatVector.fromArray(S, m, o + 3 * step),
              FloatVector.fromArray(S, m, o + 4 * step),
              FloatVector.fromArray(S, m, o + 5 * step),
              t,
              j * L,
              6 * L);
        }
        int columns = Math.min(4, size - tx * 4);
        for (int i = 0; i < 4 && ty * 4 + i < size; i++) {
          int r = i * 6 * L;
          int base = ((board * size + ty * 4 + i) * size + tx * 4) * out + k;
          // The row's four outputs into t's spare end, then out through the epilogue.
          transformA(
              FloatVector.fromArray(S, t, r),
              FloatVector.fromArray(S, t, r + L),
              FloatVector.fromArray(S, t, r + 2 * L),
              FloatVector.fromArray(S, t, r + 3 * L),
              FloatVector.fromArray(S, t, r + 4 * L),
              FloatVector.fromArray(S, t, r + 5 * L),
              t,
              24 * L,
              L);
          for (int x = 0; x < columns; x++) {
            FloatVector y = FloatVector.fromArray(S, t, (24 + x) * L).add(b);
            int at = base + x * out;
            if (e.residual() != null) {
              y = FloatVector.fromArray(S, e.residual(), at).add(y.mul(e.gate()));
            }
            if (e.relu()) {
              y = y.max(0f);
            }
            y.intoArray(dst, at);
          }
        }
      }
    }
  }

  /** Aᵀ applied to six vectors: four results written {@code stride} apart from {@code at}. */
  private static void transformA(
      FloatVector m0,
      FloatVector m1,
      FloatVector m2,
      FloatVector m3,
      FloatVector m4,
      FloatVector m5,
      float[] to,
      int at,
      int stride) {
    FloatVector s12 = m1.add(m2);
    FloatVector d12 = m1.sub(m2);
    FloatVector s34 = m3.add(m4);
    FloatVector d34 = m3.sub(m4);
    s12.add(s34).add(m0).intoArray(to, at);
    d34.mul(2f).add(d12).intoArray(to, at + stride);
    s34.mul(4f).add(s12).intoArray(to, at + 2 * stride);
    d34.mul(8f).add(d12).add(m5).intoArray(to, at + 3 * stride);
  }
}
