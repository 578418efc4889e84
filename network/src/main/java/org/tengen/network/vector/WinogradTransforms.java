package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd's F(m x m, 3x3) applied to vectors of channels: Bᵀ before the matrix
 * products ({@link InputTransform}) and Aᵀ after them ({@link OutputTransform}), for {@link
 * Winograd3x3}. Each is applied to one line of a tile at a time; a tile's two dimensions are two
 * passes. Every method takes arrays and offsets, never vectors: a vector passed to a method the JIT
 * does not inline is boxed on the heap (docs/pitfalls.md).
 */
final class WinogradTransforms {

  private static final VectorSpecies<Float> S = Gemm.SPECIES;
  private static final int L = Gemm.LANES;

  private WinogradTransforms() {}

  /**
   * Bᵀ applied to vectors: {@code apply} multiplies the vectors {@code stride} apart from {@code
   * at}, each first raised to at least {@code floor} (0 for a rectified input, -∞ for none), by it
   * and writes its rows' results {@code toStride} apart from {@code toAt}. F(3x3), F(4x4) and
   * F(5x5) have theirs written out (additions and small multiples; the general form took F(5x5) to
   * less than half their speed at 19x19); F(2x2) uses the matrix's non-zero entries.
   */
  abstract static class InputTransform {
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
  abstract static class OutputTransform {
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
        Winograd3x3.Epilogue e,
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
        Winograd3x3.Epilogue e,
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
