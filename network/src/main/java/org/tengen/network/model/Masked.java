package org.tengen.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Operations that respect the on-board mask, so that one net serves every board size. A batch
 * without padding (every board fills the canvas, as in search) skips the masking: the mask is all
 * ones there, and the multiplications cost a tenth of a forward pass.
 */
final class Masked {

  /** Forward parameter: {@code Boolean.FALSE} when no position of the batch is padded. */
  static final String PADDED = "padded";

  private Masked() {}

  /** Whether the forward parameters allow padding (the safe default: yes). */
  static boolean isPadded(ai.djl.util.PairList<String, Object> params) {
    return params == null || !Boolean.FALSE.equals(params.get(PADDED));
  }

  /** x with off-board points zeroed, when there are any. */
  static NDArray apply(NDArray x, NDArray mask, boolean padded) {
    return padded ? x.mul(mask) : x;
  }

  /**
   * KataGo's global pooling over the board's points: per channel the mean, the mean scaled by
   * {@code (sqrt(points) - 14) / 10} (so the net can tell board sizes apart), and the maximum.
   *
   * @param x [N, C, H, W], zero off the board and non-negative (after ReLU)
   * @param mask [N, 1, H, W]
   * @param points [N, 1]: on-board points per position
   * @return [N, 3C]
   */
  static NDArray globalPool(NDArray x, NDArray mask, NDArray points, boolean padded) {
    NDArray mean = x.sum(new int[] {2, 3}).div(points);
    NDArray scaled = mean.mul(points.sqrt().sub(14f).div(10f));
    // Off-board points can never be the max.
    NDArray shifted = padded ? x.add(mask.sub(1f).mul(1e4f)) : x;
    long[] shape = shifted.getShape().getShape();
    NDArray max = shifted.reshape(shape[0], shape[1], shape[2] * shape[3]).max(new int[] {2});
    return NDArrays.concat(new NDList(mean, scaled, max), 1);
  }
}
