package org.tengen.network.vector;

/** KataGo's global pooling, used by the trunk's pooled blocks and by the heads. */
final class GlobalPool {

  private GlobalPool() {}

  /**
   * The pooling of h channels at {@code offset} of rows {@code [first, first + plane)}, each row
   * {@code width} wide, into out [3h]: the mean over the board's points, the mean scaled by {@code
   * (sqrt(points) - 14) / 10} and the maximum (the values are rectified and zero off the board, so
   * the canvas's maximum is the board's).
   */
  static void pool(
      float[] a, int width, int offset, int h, int first, int plane, float points, float[] out) {
    for (int k = 0; k < h; k++) {
      float sum = 0f;
      float max = 0f;
      for (int q = first; q < first + plane; q++) {
        float v = a[q * width + offset + k];
        sum += v;
        max = Math.max(max, v);
      }
      float mean = sum / points;
      out[k] = mean;
      out[h + k] = mean * (float) ((Math.sqrt(points) - 14) / 10);
      out[2 * h + k] = max;
    }
  }
}
