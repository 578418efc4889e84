package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.tengen.network.vector.WinogradTransforms.InputTransform;
import org.tengen.network.vector.WinogradTransforms.OutputTransform;

/**
 * A 3x3 convolution with padding 1 by Winograd's minimal filtering F(m x m, 3x3) (Lavin and Gray,
 * arXiv 1509.09308): each input tile of {@code (m + 2)²} points becomes as many transformed values
 * per channel, the channels are mixed by that many independent matrix products, and each product's
 * result gives the tile's {@code m²} outputs. F(4x4) takes 36 multiplications per 16 outputs where
 * direct convolution takes 144, F(5x5) 49 per 25 where it takes 225. The tile size is chosen per
 * board size ({@link ToomCook#bestTile}); the transforms themselves are {@link WinogradTransforms}.
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
}
