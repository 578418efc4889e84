package org.tengen.network.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.tengen.network.features.Features;

/**
 * The residual tower of a KataGo-style network, built with DJL's Block API.
 *
 * <p>Inputs: spatial features [N, {@link Features#SPATIAL}, H, W] (plane 0 the on-board mask) and
 * global features [N, {@link Features#GLOBAL}]. A 5x5 input convolution plus a linear map of the
 * global features, then {@code blocks} residual blocks (every third with a global-pooling bias),
 * then four heads:
 *
 * <ol>
 *   <li>policy logits [N, H·W + 1], the pass last; off-board points get -10⁴;
 *   <li>value logits [N, 3]: win, loss, draw for the player to move;
 *   <li>score [N]: expected final margin for the player to move, in units of {@link #SCORE_SCALE}
 *       points;
 *   <li>ownership [N, H, W] in [-1, 1] for the player to move, 0 off the board;
 *   <li>the opponent's policy logits [N, H·W + 1]: the search's answer one move later, an auxiliary
 *       target (KataGo's, which it measured to save compute) that search itself never reads.
 * </ol>
 */
public final class TengenNet extends AbstractBlock {

  /** The score head predicts margins divided by this. */
  public static final float SCORE_SCALE = 20f;

  private final NetworkConfig config;
  private final Conv2d inputConv;
  private final Linear globalInput;
  private final List<ResidualBlock> tower = new ArrayList<>();
  private final Conv2d policyConv;
  private final Conv2d policyPoolConv;
  private final Linear policyPoolBias;
  private final Conv2d policyOut;
  private final Linear passOut;

  /** The blocks whose output is a head's answer (zero in a fresh network). */
  static final java.util.List<String> OUTPUT_LAYERS =
      java.util.List.of(
          "policyout", "passout", "valueout", "ownership", "opponentout", "opponentpassout");

  /**
   * The opponent-policy head's blocks, the last of the network's: files of format 1 were written
   * before it and load with it at zero.
   */
  static final java.util.List<String> OPPONENT_LAYERS =
      java.util.List.of("opponentout", "opponentpassout");

  private final Conv2d valueConv;
  private final Linear valueHidden;
  private final Linear valueOut;
  private final Conv2d ownershipOut;
  private final Conv2d opponentOut;
  private final Linear opponentPassOut;

  public TengenNet(NetworkConfig config) {
    super((byte) 1);
    this.config = config;
    int c = config.channels();
    int h = config.headChannels();
    inputConv =
        addChildBlock(
            "input",
            Conv2d.builder()
                .setKernelShape(new Shape(5, 5))
                .optPadding(new Shape(2, 2))
                .setFilters(c)
                .build());
    globalInput = addChildBlock("global", Linear.builder().setUnits(c).build());
    for (int i = 0; i < config.blocks(); i++) {
      tower.add(
          addChildBlock("block" + i, new ResidualBlock(c, h, config.isGlobalPoolingBlock(i))));
    }
    policyConv = addChildBlock("policy", conv1x1(h));
    policyPoolConv = addChildBlock("policypool", conv1x1(h));
    policyPoolBias = addChildBlock("policypoolbias", Linear.builder().setUnits(h).build());
    policyOut = addChildBlock("policyout", conv1x1(1));
    passOut = addChildBlock("passout", Linear.builder().setUnits(1).build());
    valueConv = addChildBlock("value", conv1x1(h));
    valueHidden =
        addChildBlock("valuehidden", Linear.builder().setUnits(config.valueHidden()).build());
    valueOut = addChildBlock("valueout", Linear.builder().setUnits(4).build());
    ownershipOut = addChildBlock("ownership", conv1x1(1));
    opponentOut = addChildBlock("opponentout", conv1x1(1));
    opponentPassOut = addChildBlock("opponentpassout", Linear.builder().setUnits(1).build());
  }

  private static Conv2d conv1x1(int filters) {
    return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
  }

  public NetworkConfig config() {
    return config;
  }

  private static NDArray one(NDList list) {
    return list.singletonOrThrow();
  }

  private static NDArray spread(NDArray perChannel) {
    return perChannel.expandDims(2).expandDims(3);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray spatial = inputs.get(0);
    NDArray global = inputs.get(1);
    long n = spatial.getShape().get(0);
    long height = spatial.getShape().get(2);
    long width = spatial.getShape().get(3);
    NDArray mask = spatial.get(":, 0:1, :, :");
    NDArray points = mask.sum(new int[] {2, 3});
    boolean padded = Masked.isPadded(params);

    NDArray x = one(inputConv.forward(store, new NDList(spatial), training));
    x =
        Masked.apply(
            x.add(spread(one(globalInput.forward(store, new NDList(global), training)))),
            mask,
            padded);
    NDList state = new NDList(x, mask, points);
    for (ResidualBlock block : tower) {
      state = block.forward(store, state, training, params);
    }
    x = Masked.apply(Activation.relu(state.get(0)), mask, padded);

    NDArray p = Masked.apply(one(policyConv.forward(store, new NDList(x), training)), mask, padded);
    NDArray pg =
        Masked.apply(
            Activation.relu(one(policyPoolConv.forward(store, new NDList(x), training))),
            mask,
            padded);
    NDArray pooled = Masked.globalPool(pg, mask, points, padded);
    p = p.add(spread(one(policyPoolBias.forward(store, new NDList(pooled), training))));
    p = Masked.apply(Activation.relu(p), mask, padded);
    NDArray policy = logits(policyOut, passOut, store, p, pooled, mask, padded, training);
    // The opponent's policy is a training target only: a search's evaluation skips its head.
    NDArray opponent =
        searchOnly(params)
            ? null
            : logits(opponentOut, opponentPassOut, store, p, pooled, mask, padded, training);

    NDArray v =
        Masked.apply(
            Activation.relu(one(valueConv.forward(store, new NDList(x), training))), mask, padded);
    NDArray vp = Masked.globalPool(v, mask, points, padded);
    NDArray hidden = Activation.relu(one(valueHidden.forward(store, new NDList(vp), training)));
    NDArray out = one(valueOut.forward(store, new NDList(hidden), training));
    NDArray ownership =
        one(ownershipOut.forward(store, new NDList(v), training)).tanh().reshape(n, height, width);
    ownership = Masked.apply(ownership, mask.reshape(n, height, width), padded);
    NDList result = new NDList(policy, out.get(":, 0:3"), out.get(":, 3"), ownership);
    if (opponent != null) {
      result.add(opponent);
    }
    return result;
  }

  /**
   * The forward parameter that asks for what a search reads only (policy, value, score, ownership),
   * leaving out the opponent-policy head.
   */
  static final String SEARCH_ONLY = "searchOnly";

  private static boolean searchOnly(PairList<String, Object> params) {
    return params != null && Boolean.TRUE.equals(params.get(SEARCH_ONLY));
  }

  /** Policy logits [N, H·W + 1] from a board head and a pass head; off-board points get -10⁴. */
  private static NDArray logits(
      Conv2d board,
      Linear pass,
      ParameterStore store,
      NDArray p,
      NDArray pooled,
      NDArray mask,
      boolean padded,
      boolean training) {
    long n = p.getShape().get(0);
    long points = p.getShape().get(2) * p.getShape().get(3);
    NDArray boardLogits = one(board.forward(store, new NDList(p), training));
    if (padded) {
      boardLogits = boardLogits.add(mask.sub(1f).mul(1e4f));
    }
    boardLogits = boardLogits.reshape(n, points);
    NDArray passLogit = one(pass.forward(store, new NDList(pooled), training));
    return NDArrays.concat(new NDList(boardLogits, passLogit), 1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    long n = s.get(0);
    return new Shape[] {
      new Shape(n, s.get(2) * s.get(3) + 1),
      new Shape(n, 3),
      new Shape(n),
      new Shape(n, s.get(2), s.get(3)),
      new Shape(n, s.get(2) * s.get(3) + 1)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape spatial = inputShapes[0];
    long n = spatial.get(0);
    long hw = spatial.get(2);
    int c = config.channels();
    int h = config.headChannels();
    inputConv.initialize(manager, dataType, spatial);
    globalInput.initialize(manager, dataType, inputShapes[1]);
    Shape trunk = new Shape(n, c, hw, spatial.get(3));
    for (ResidualBlock block : tower) {
      block.initialize(
          manager, dataType, trunk, new Shape(n, 1, hw, spatial.get(3)), new Shape(n, 1));
    }
    policyConv.initialize(manager, dataType, trunk);
    policyPoolConv.initialize(manager, dataType, trunk);
    Shape head = new Shape(n, h, hw, spatial.get(3));
    policyPoolBias.initialize(manager, dataType, new Shape(n, 3L * h));
    policyOut.initialize(manager, dataType, head);
    passOut.initialize(manager, dataType, new Shape(n, 3L * h));
    valueConv.initialize(manager, dataType, trunk);
    valueHidden.initialize(manager, dataType, new Shape(n, 3L * h));
    valueOut.initialize(manager, dataType, new Shape(n, config.valueHidden()));
    ownershipOut.initialize(manager, dataType, head);
    opponentOut.initialize(manager, dataType, head);
    opponentPassOut.initialize(manager, dataType, new Shape(n, 3L * h));
  }
}
