package org.tengen.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Operations that respect the on-board mask, so that one net serves every board size. */
final class Masked {

  private Masked() {}

  /**
   * KataGo's global pooling over the board's points: per channel the mean, the mean scaled by
   * {@code (sqrt(points) - 14) / 10} (so the net can tell board sizes apart), and the maximum.
   *
   * @param x [N, C, H, W], zero off the board and non-negative (after ReLU)
   * @param mask [N, 1, H, W]
   * @param points [N, 1]: on-board points per position
   * @return [N, 3C]
   */
  static NDArray globalPool(NDArray x, NDArray mask, NDArray points) {
    NDArray mean = x.sum(new int[] {2, 3}).div(points);
    NDArray scaled = mean.mul(points.sqrt().sub(14f).div(10f));
    NDArray shifted = x.add(mask.sub(1f).mul(1e4f)); // off-board points can never be the max
    long[] shape = shifted.getShape().getShape();
    NDArray max = shifted.reshape(shape[0], shape[1], shape[2] * shape[3]).max(new int[] {2});
    return NDArrays.concat(new NDList(mean, scaled, max), 1);
  }
}
