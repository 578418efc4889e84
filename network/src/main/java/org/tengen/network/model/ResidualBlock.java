package org.tengen.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A pre-activation residual block without batch norm: {@code x + gate · conv(relu(conv(relu(x))))}
 * with the gate starting at 0 (ReZero, a fixup-style alternative to batch norm that keeps masking
 * exact: batch statistics would mix in the padding of smaller boards). With {@code pooled} set it
 * is KataGo's global-pooling block: a second branch of the first convolution is pooled over the
 * board and biases every channel of the first one.
 *
 * <p>Inputs: x [N, C, H, W], mask [N, 1, H, W], points [N, 1]. Output: [N, C, H, W].
 */
final class ResidualBlock extends AbstractBlock {

  private final Conv2d first;
  private final Conv2d second;
  private final Conv2d pooling;
  private final Linear poolBias;
  private final Parameter gate;
  private final int channels;
  private final int poolChannels;

  ResidualBlock(int channels, int poolChannels, boolean pooled) {
    super((byte) 1);
    this.channels = channels;
    this.poolChannels = pooled ? poolChannels : 0;
    first = addChildBlock("conv1", conv3x3(channels));
    second = addChildBlock("conv2", conv3x3(channels));
    if (pooled) {
      pooling = addChildBlock("poolconv", conv3x3(poolChannels));
      poolBias = addChildBlock("poolbias", Linear.builder().setUnits(channels).build());
    } else {
      pooling = null;
      poolBias = null;
    }
    gate =
        addParameter(
            Parameter.builder()
                .setName("gate")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(0f))
                .build());
  }

  static Conv2d conv3x3(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray points = inputs.get(2);
    boolean padded = Masked.isPadded(params);
    NDArray a = Activation.relu(x);
    NDArray y =
        Masked.apply(
            first.forward(store, new NDList(a), training).singletonOrThrow(), mask, padded);
    if (pooling != null) {
      NDArray g =
          Masked.apply(
              Activation.relu(pooling.forward(store, new NDList(a), training).singletonOrThrow()),
              mask,
              padded);
      NDArray bias =
          poolBias
              .forward(store, new NDList(Masked.globalPool(g, mask, points, padded)), training)
              .singletonOrThrow();
      y = y.add(bias.expandDims(2).expandDims(3));
    }
    y = Masked.apply(Activation.relu(y), mask, padded);
    y =
        Masked.apply(
            second.forward(store, new NDList(y), training).singletonOrThrow(), mask, padded);
    NDArray g = store.getValue(gate, x.getDevice(), training);
    return new NDList(x.add(y.mul(g)), mask, points);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    first.initialize(manager, dataType, x);
    second.initialize(manager, dataType, x);
    if (pooling != null) {
      pooling.initialize(manager, dataType, x);
      poolBias.initialize(manager, dataType, new Shape(x.get(0), 3L * poolChannels));
    }
  }

  int channels() {
    return channels;
  }
}
