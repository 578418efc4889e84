package org.tengen.network.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix products for the convolutions: {@code C = A · B} with A [rows][inner], B
 * [inner][cols] and C [rows][cols], all row-major in flat arrays. The kernel keeps a block of six
 * rows by two vectors of columns in registers and streams the inner dimension through them, one
 * broadcast of A and two loads of B per twelve multiply-adds.
 */
final class Gemm {

  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Floats per vector: what every channel count here is padded to a multiple of. */
  static final int LANES = SPECIES.length();

  /** Rows per kernel block: callers pad A's and C's rows to a multiple of this. */
  static final int ROWS = 6;

  private Gemm() {}

  /** Rounds {@code n} up to a multiple of {@code m}. */
  static int roundUp(int n, int m) {
    return (n + m - 1) / m * m;
  }

  /**
   * C[rows][cols] = A[rows][inner] · B[inner][cols], with rows a multiple of {@link #ROWS} and cols
   * of {@link #LANES}; row {@code r} of A starts at {@code a + r·inner}, of C at {@code c +
   * r·cols}.
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
    for (int r = 0; r < rows; r += ROWS) {
      int k = 0;
      for (; k + 2 * LANES <= cols; k += 2 * LANES) {
        block2(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
      }
      if (k < cols) {
        block1(aArr, a + r * inner, bArr, b + k, cArr, c + r * cols + k, inner, cols);
      }
    }
  }

  private static void block2(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
    int a1 = a + inner, a2 = a1 + inner, a3 = a2 + inner, a4 = a3 + inner, a5 = a4 + inner;
    for (int i = 0; i < inner; i++) {
      int bi = b + i * cols;
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, bi);
      FloatVector b1 = FloatVector.fromArray(SPECIES, bArr, bi + LANES);
      FloatVector v = FloatVector.broadcast(SPECIES, aArr[a + i]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(SPECIES, aArr[a1 + i]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(SPECIES, aArr[a2 + i]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(SPECIES, aArr[a3 + i]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(SPECIES, aArr[a4 + i]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(SPECIES, aArr[a5 + i]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
    }
    c00.intoArray(cArr, c);
    c01.intoArray(cArr, c + LANES);
    c += cols;
    c10.intoArray(cArr, c);
    c11.intoArray(cArr, c + LANES);
    c += cols;
    c20.intoArray(cArr, c);
    c21.intoArray(cArr, c + LANES);
    c += cols;
    c30.intoArray(cArr, c);
    c31.intoArray(cArr, c + LANES);
    c += cols;
    c40.intoArray(cArr, c);
    c41.intoArray(cArr, c + LANES);
    c += cols;
    c50.intoArray(cArr, c);
    c51.intoArray(cArr, c + LANES);
  }

  private static void block1(
      float[] aArr, int a, float[] bArr, int b, float[] cArr, int c, int inner, int cols) {
    FloatVector z = FloatVector.zero(SPECIES);
    FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
    int a1 = a + inner, a2 = a1 + inner, a3 = a2 + inner, a4 = a3 + inner, a5 = a4 + inner;
    for (int i = 0; i < inner; i++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, bArr, b + i * cols);
      c0 = FloatVector.broadcast(SPECIES, aArr[a + i]).fma(b0, c0);
      c1 = FloatVector.broadcast(SPECIES, aArr[a1 + i]).fma(b0, c1);
      c2 = FloatVector.broadcast(SPECIES, aArr[a2 + i]).fma(b0, c2);
      c3 = FloatVector.broadcast(SPECIES, aArr[a3 + i]).fma(b0, c3);
      c4 = FloatVector.broadcast(SPECIES, aArr[a4 + i]).fma(b0, c4);
      c5 = FloatVector.broadcast(SPECIES, aArr[a5 + i]).fma(b0, c5);
    }
    c0.intoArray(cArr, c);
    c1.intoArray(cArr, c + cols);
    c2.intoArray(cArr, c + 2 * cols);
    c3.intoArray(cArr, c + 3 * cols);
    c4.intoArray(cArr, c + 4 * cols);
    c5.intoArray(cArr, c + 5 * cols);
  }
}
