package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix products for the convolutions: {@code C = A · B} with A [rows][inner], B
 * [inner][cols] and C [rows][cols], all row-major in flat arrays. The kernel keeps a block of eight
 * rows by three vectors of columns in registers (24 of AVX-512's 32) and streams the inner
 * dimension through them (measured alone at 24 rows: 99 GFLOP/s on one Zen 4 core against 91 for
 * six rows by two vectors).
 */
final class Gemm {

  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Floats per vector: what every channel count here is padded to a multiple of. */
  static final int LANES = SPECIES.length();

  /**
   * Whether the machine has 32 vector registers (AVX-512) for the 8x3 kernel; with AVX2's 16 the 24
   * sums would spill, and two 4x3 blocks are used instead.
   */
  private static final boolean WIDE_REGISTERS = LANES >= 16;

  /** Rows per kernel block: callers pad A's and C's rows to a multiple of this. */
  static final int ROWS = 8;

  private Gemm() {}

  /** Rounds {@code n} up to a multiple of {@code m}. */
  static int roundUp(int n, int m) {
    return (n + m - 1) / m * m;
  }

  /**
   * C[rows][cols] = A[rows][inner] · B[inner][cols], with rows a multiple of {@link #ROWS} and cols
   * of {@link #LANES}; row {@code r} of A starts at {@code a + r·inner}, of C at {@code c +
   * r·cols}. Columns outermost: a block of B's columns (inner × 3 vectors) stays in the first-level
   * cache while every block of rows passes it.
   */
  static void multiply(
      float[] aArr,
      int a,
      float[] bArr,
      int b,
      float[] cArr,
      int c,
      int rows,
      int inner,
      int cols) {
    int k = 0;
    for (; k + 3 * LANES <= cols; k += 3 * LANES) {
      for (int r = 0; r < rows; r += ROWS) {
        if (WIDE_REGISTERS) {
          block3(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
        } else {
          half3(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
          half3(aArr, a + (r + 4) * inner, bArr, b + k, cArr, c + (r + 4) * cols + k, inner, cols);
        }
      }
    }
    for (; k + 2 * LANES <= cols; k += 2 * LANES) {
      for (int r = 0; r < rows; r += ROWS) {
        block2(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
      }
    }
    for (; k < cols; k += LANES) {
      for (int r = 0; r < rows; r += ROWS) {
        block1(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
      }
    }
  }

  // Every kernel stores its sums itself: a helper that took them as arguments was left out of line
  // by the JIT once the kernel grew, which boxed every sum and cut the rate from 100 GFLOP/s to 40.

  /** Eight rows by three vectors: 24 sums in registers, 3 loads and 8 broadcasts per 24 FMAs. */
  private static void block3(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
    FloatVector c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
    FloatVector c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
    int a1 = a + inner, a2 = a1 + inner, a3 = a2 + inner;
    int a4 = a3 + inner, a5 = a4 + inner, a6 = a5 + inner, a7 = a6 + inner;
    for (int i = 0; i < inner; i++) {
      int bi = b + i * cols;
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bArr, bi + LANES);
      FloatVector b2 = FloatVector.fromArray(SPECIES, bArr, bi + 2 * LANES);
      FloatVector v = FloatVector.broadcast(SPECIES, aArr[a + i]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      c02 = v.fma(b2, c02);
      v = FloatVector.broadcast(SPECIES, aArr[a1 + i]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      c12 = v.fma(b2, c12);
      v = FloatVector.broadcast(SPECIES, aArr[a2 + i]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      c22 = v.fma(b2, c22);
      v = FloatVector.broadcast(SPECIES, aArr[a3 + i]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      c32 = v.fma(b2, c32);
      v = FloatVector.broadcast(SPECIES, aArr[a4 + i]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      c42 = v.fma(b2, c42);
      v = FloatVector.broadcast(SPECIES, aArr[a5 + i]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
      c52 = v.fma(b2, c52);
      v = FloatVector.broadcast(SPECIES, aArr[a6 + i]);
      c60 = v.fma(b0, c60);
      c61 = v.fma(b1, c61);
      c62 = v.fma(b2, c62);
      v = FloatVector.broadcast(SPECIES, aArr[a7 + i]);
      c70 = v.fma(b0, c70);
      c71 = v.fma(b1, c71);
      c72 = v.fma(b2, c72);
    }
    c00.intoArray(cArr, c);
    c01.intoArray(cArr, c + LANES);
    c02.intoArray(cArr, c + 2 * LANES);
    c10.intoArray(cArr, c + cols);
    c11.intoArray(cArr, c + cols + LANES);
    c12.intoArray(cArr, c + cols + 2 * LANES);
    c20.intoArray(cArr, c + 2 * cols);
    c21.intoArray(cArr, c + 2 * cols + LANES);
    c22.intoArray(cArr, c + 2 * cols + 2 * LANES);
    c30.intoArray(cArr, c + 3 * cols);
    c31.intoArray(cArr, c + 3 * cols + LANES);
    c32.intoArray(cArr, c + 3 * cols + 2 * LANES);
    c40.intoArray(cArr, c + 4 * cols);
    c41.intoArray(cArr, c + 4 * cols + LANES);
    c42.intoArray(cArr, c + 4 * cols + 2 * LANES);
    c50.intoArray(cArr, c + 5 * cols);
    c51.intoArray(cArr, c + 5 * cols + LANES);
    c52.intoArray(cArr, c + 5 * cols + 2 * LANES);
    c60.intoArray(cArr, c + 6 * cols);
    c61.intoArray(cArr, c + 6 * cols + LANES);
    c62.intoArray(cArr, c + 6 * cols + 2 * LANES);
    c70.intoArray(cArr, c + 7 * cols);
    c71.intoArray(cArr, c + 7 * cols + LANES);
    c72.intoArray(cArr, c + 7 * cols + 2 * LANES);
  }

  /** Four rows by three vectors: 12 sums, for machines with 16 vector registers. */
  private static void half3(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z;
    FloatVector c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
    int a1 = a + inner, a2 = a1 + inner, a3 = a2 + inner;
    for (int i = 0; i < inner; i++) {
      int bi = b + i * cols;
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bArr, bi + LANES);
      FloatVector b2 = FloatVector.fromArray(SPECIES, bArr, bi + 2 * LANES);
      FloatVector v = FloatVector.broadcast(SPECIES, aArr[a + i]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      c02 = v.fma(b2, c02);
      v = FloatVector.broadcast(SPECIES, aArr[a1 + i]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      c12 = v.fma(b2, c12);
      v = FloatVector.broadcast(SPECIES, aArr[a2 + i]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      c22 = v.fma(b2, c22);
      v = FloatVector.broadcast(SPECIES, aArr[a3 + i]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      c32 = v.fma(b2, c32);
    }
    c00.intoArray(cArr, c);
    c01.intoArray(cArr, c + LANES);
    c02.intoArray(cArr, c + 2 * LANES);
    c10.intoArray(cArr, c + cols);
    c11.intoArray(cArr, c + cols + LANES);
    c12.intoArray(cArr, c + cols + 2 * LANES);
    c20.intoArray(cArr, c + 2 * cols);
    c21.intoArray(cArr, c + 2 * cols + LANES);
    c22.intoArray(cArr, c + 2 * cols + 2 * LANES);
    c30.intoArray(cArr, c + 3 * cols);
    c31.intoArray(cArr, c + 3 * cols + LANES);
    c32.intoArray(cArr, c + 3 * cols + 2 * LANES);
  }

  /** Eight rows by two vectors: 16 sums, for two vectors of columns left over. */
  private static void block2(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    for (int i = 0; i < inner; i++) {
      int bi = b + i * cols;
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bArr, bi + LANES);
      FloatVector v = FloatVector.broadcast(SPECIES, aArr[a + i]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(SPECIES, aArr[a + inner + i]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(SPECIES, aArr[a + 2 * inner + i]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(SPECIES, aArr[a + 3 * inner + i]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(SPECIES, aArr[a + 4 * inner + i]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(SPECIES, aArr[a + 5 * inner + i]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
      v = FloatVector.broadcast(SPECIES, aArr[a + 6 * inner + i]);
      c60 = v.fma(b0, c60);
      c61 = v.fma(b1, c61);
      v = FloatVector.broadcast(SPECIES, aArr[a + 7 * inner + i]);
      c70 = v.fma(b0, c70);
      c71 = v.fma(b1, c71);
    }
    c00.intoArray(cArr, c);
    c01.intoArray(cArr, c + LANES);
    c10.intoArray(cArr, c + cols);
    c11.intoArray(cArr, c + cols + LANES);
    c20.intoArray(cArr, c + 2 * cols);
    c21.intoArray(cArr, c + 2 * cols + LANES);
    c30.intoArray(cArr, c + 3 * cols);
    c31.intoArray(cArr, c + 3 * cols + LANES);
    c40.intoArray(cArr, c + 4 * cols);
    c41.intoArray(cArr, c + 4 * cols + LANES);
    c50.intoArray(cArr, c + 5 * cols);
    c51.intoArray(cArr, c + 5 * cols + LANES);
    c60.intoArray(cArr, c + 6 * cols);
    c61.intoArray(cArr, c + 6 * cols + LANES);
    c70.intoArray(cArr, c + 7 * cols);
    c71.intoArray(cArr, c + 7 * cols + LANES);
  }

  /** Eight rows by one vector, for the last vector of columns left over. */
  private static void block1(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
    for (int i = 0; i < inner; i++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, b + i * cols);
      c0 = FloatVector.broadcast(SPECIES, aArr[a + i]).fma(b0, c0);
      c1 = FloatVector.broadcast(SPECIES, aArr[a + inner + i]).fma(b0, c1);
      c2 = FloatVector.broadcast(SPECIES, aArr[a + 2 * inner + i]).fma(b0, c2);
      c3 = FloatVector.broadcast(SPECIES, aArr[a + 3 * inner + i]).fma(b0, c3);
      c4 = FloatVector.broadcast(SPECIES, aArr[a + 4 * inner + i]).fma(b0, c4);
      c5 = FloatVector.broadcast(SPECIES, aArr[a + 5 * inner + i]).fma(b0, c5);
      c6 = FloatVector.broadcast(SPECIES, aArr[a + 6 * inner + i]).fma(b0, c6);
      c7 = FloatVector.broadcast(SPECIES, aArr[a + 7 * inner + i]).fma(b0, c7);
    }
    c0.intoArray(cArr, c);
    c1.intoArray(cArr, c + cols);
    c2.intoArray(cArr, c + 2 * cols);
    c3.intoArray(cArr, c + 3 * cols);
    c4.intoArray(cArr, c + 4 * cols);
    c5.intoArray(cArr, c + 5 * cols);
    c6.intoArray(cArr, c + 6 * cols);
    c7.intoArray(cArr, c + 7 * cols);
  }
}
