package org.tengen.network.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;

/**
 * A loaded network: its name, its {@link TengenNet} with parameters on a device, and batched
 * evaluation of positions. Forward passes call the block directly (no Predictor), which
 * docs/pitfalls.md measured 1.5× faster at small batches. Evaluation may be called from several
 * threads.
 */
public final class Network implements AutoCloseable {

  private final NetworkName name;
  private final TengenNet net;
  private final NDManager manager;
  private final Precision precision;
  private final ForwardEngine engine;
  private List<ReferenceOutputs.Reference> references = List.of();

  /**
   * A forward pass of this network's batches other than libtorch's: the Java engine on the CPU
   * ({@code org.tengen.network.vector}). It answers what {@link #infer} would, from a copy of the
   * weights.
   */
  public interface ForwardEngine {
    Outputs infer(Batch batch);

    /** How logs and benchmarks name it. */
    String description();
  }

  Network(NetworkName name, TengenNet net, NDManager manager) {
    this(name, net, manager, Precision.FP32, null);
  }

  private Network(
      NetworkName name,
      TengenNet net,
      NDManager manager,
      Precision precision,
      ForwardEngine engine) {
    this.name = name;
    this.net = net;
    this.manager = manager;
    this.precision = precision;
    this.engine = engine;
  }

  /**
   * This network with its evaluations computed by {@code engine} (made from this network's
   * weights); training and {@link #forward} still use libtorch. The result takes over this
   * network's weights and manager: close it, not both.
   */
  public Network evaluatedBy(ForwardEngine engine) {
    if (precision != Precision.FP32) {
      throw new IllegalArgumentException(
          engine.description() + " computes in FP32, and this network is in " + precision);
    }
    Network out = new Network(name, net, manager, precision, engine);
    out.setReferences(references);
    return out;
  }

  /** The engine that computes its evaluations, or null where libtorch does. */
  public ForwardEngine engine() {
    return engine;
  }

  /** What computes its evaluations: libtorch on its device, or another engine. */
  public String engineDescription() {
    return engine == null ? "libtorch" : engine.description();
  }

  /** Shapes used to create parameters; convolution and linear weights do not depend on H, W. */
  static Shape[] initShapes() {
    return new Shape[] {new Shape(1, Features.SPATIAL, 19, 19), new Shape(1, Features.GLOBAL)};
  }

  /** A network of random weights (Xavier, zero gates), reproducible from the seed. */
  public static Network random(NetworkName name, long seed, Device device) {
    NetworkConfig config = new NetworkConfig(name.blocks(), name.channels());
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Engine.getInstance().setRandomSeed((int) seed);
      TengenNet net = new TengenNet(config);
      net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      net.initialize(manager, DataType.FLOAT32, initShapes());
      return new Network(name, net, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The first network of a run: {@link #random} weights in the trunk and the heads' hidden layers,
   * but zero output layers, so that it starts with a uniform policy, an even value and no
   * ownership, and its self-play is plain MCTS. Xavier output layers gave the pass logit (fed by
   * pooled features, unlike the board's) most of the policy's mass and the value extreme opinions:
   * the first generation of self-play then passed its games away at the earliest move it could, and
   * left the next network nothing to learn.
   */
  public static Network initial(NetworkName name, long seed, Device device) {
    Network network = random(name, seed, device);
    for (var p : network.net.getParameters()) {
      String block = p.getKey().replaceFirst("^\\d+", "");
      if (TengenNet.OUTPUT_LAYERS.stream().anyMatch(o -> block.startsWith(o + "_"))) {
        p.getValue().getArray().muli(0);
      }
    }
    return network;
  }

  static Network empty(NetworkName name, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    TengenNet net = new TengenNet(new NetworkConfig(name.blocks(), name.channels()));
    net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    net.initialize(manager, DataType.FLOAT32, initShapes());
    return new Network(name, net, manager);
  }

  /**
   * The answers stored with the network where it was made (a format 3 file); empty for a network
   * made here or read from an older file.
   */
  public List<ReferenceOutputs.Reference> references() {
    return references;
  }

  void setReferences(List<ReferenceOutputs.Reference> refs) {
    this.references = List.copyOf(refs);
  }

  public NetworkName name() {
    return name;
  }

  public NetworkConfig config() {
    return net.config();
  }

  public Device device() {
    return manager.getDevice();
  }

  /** The number format its evaluations compute in. */
  public Precision precision() {
    return precision;
  }

  /**
   * This network's weights converted to {@code target}, on the same device, with the same reference
   * outputs, for evaluation only (training reads FP32 parameters); this network itself when it is
   * in {@code target} already. The caller closes both.
   */
  public Network inPrecision(Precision target) {
    if (target == precision) {
      return this;
    }
    NDManager m = NDManager.newBaseManager(device());
    try {
      TengenNet converted = new TengenNet(config());
      // Zeros everywhere: every value is replaced below, and no random initialiser is asked for
      // numbers in a format the CPU may not draw.
      converted.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
      converted.initialize(m, target.dataType(), initShapes());
      var from = net.getParameters();
      var to = converted.getParameters();
      for (int i = 0; i < from.size(); i++) {
        if (!from.keyAt(i).equals(to.keyAt(i))) {
          throw new IllegalStateException(
              "parameter " + i + " is " + from.keyAt(i) + " here and " + to.keyAt(i) + " there");
        }
        NDArray value = from.valueAt(i).getArray().toType(target.dataType(), true);
        to.valueAt(i).getArray().muli(0).addi(value);
        value.close();
      }
      Network out = new Network(name, converted, m, target, null);
      out.setReferences(references);
      return out;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  TengenNet block() {
    return net;
  }

  /** The parameters by name, in the file's order: what training reads and updates in place. */
  public ai.djl.util.PairList<String, Parameter> parameters() {
    return net.getParameters();
  }

  /** The manager that owns the parameters: training creates its state on the same device. */
  public NDManager manager() {
    return manager;
  }

  /**
   * A forward pass on encoded inputs ({@link Features#encode}): policy logits [N, C·C+1] (pass
   * last), value logits [N, 3] (win, loss, draw), score [N] (divided by {@link
   * TengenNet#SCORE_SCALE}) and ownership [N, C, C] in [-1, 1], all for the player to move.
   *
   * @param padded whether some positions are smaller than the canvas
   */
  public NDList forward(
      NDManager batch, NDArray spatial, NDArray global, boolean training, boolean padded) {
    ai.djl.util.PairList<String, Object> forwardParams = new ai.djl.util.PairList<>();
    forwardParams.add(Masked.PADDED, padded);
    return net.forward(
        new ParameterStore(batch, false), new NDList(spatial, global), training, forwardParams);
  }

  /** Number of trainable values. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : net.getParameters().values()) {
      n += p.getArray().size();
    }
    return n;
  }

  /** Evaluates positions as they are. */
  public Evaluation[] evaluate(List<Features.Position> positions) {
    return evaluate(positions, Symmetry.identities(positions.size()));
  }

  /**
   * Evaluates positions in one batch, each seen through its symmetry; outputs are moved back, so a
   * symmetric net gives the same answer under any symmetry.
   */
  public Evaluation[] evaluate(List<Features.Position> positions, Symmetry[] symmetries) {
    if (positions.isEmpty()) {
      return new Evaluation[0];
    }
    Batch batch = encode(positions, symmetries);
    return decode(batch, infer(batch));
  }

  /**
   * One batch as the network reads it: the positions (each through its symmetry) on a canvas of the
   * largest board, in the layout of {@link Features#encode}.
   *
   * @param padded whether some positions are smaller than the canvas
   */
  public record Batch(
      List<Features.Position> positions,
      Symmetry[] symmetries,
      int canvas,
      boolean padded,
      float[] spatial,
      float[] global) {}

  /**
   * The network's answers for a batch on its canvas: policy and value as probabilities, score in
   * units of {@link TengenNet#SCORE_SCALE}, row after row of the batch.
   */
  public record Outputs(float[] policy, float[] value, float[] score, float[] ownership) {}

  /** The first stage of {@link #evaluate}: the inputs, in Java. */
  public Batch encode(List<Features.Position> positions, Symmetry[] symmetries) {
    int n = positions.size();
    int canvas = 0;
    int smallest = Integer.MAX_VALUE;
    for (Features.Position p : positions) {
      canvas = Math.max(canvas, p.board().size());
      smallest = Math.min(smallest, p.board().size());
    }
    int plane = canvas * canvas;
    float[] spatial = new float[n * Features.SPATIAL * plane];
    float[] global = new float[n * Features.GLOBAL];
    for (int i = 0; i < n; i++) {
      Features.encode(
          positions.get(i),
          symmetries[i],
          canvas,
          spatial,
          i * Features.SPATIAL * plane,
          global,
          i * Features.GLOBAL);
    }
    return new Batch(positions, symmetries, canvas, smallest < canvas, spatial, global);
  }

  /** The second stage of {@link #evaluate}: the forward pass, on the network's device. */
  public Outputs infer(Batch b) {
    if (engine != null) {
      return engine.infer(b);
    }
    int n = b.positions().size();
    ai.djl.util.PairList<String, Object> forwardParams = new ai.djl.util.PairList<>();
    forwardParams.add(Masked.PADDED, b.padded());
    forwardParams.add(TengenNet.SEARCH_ONLY, true);
    try (NDManager batch = manager.newSubManager()) {
      DataType type = precision.dataType();
      NDArray s =
          batch
              .create(b.spatial(), new Shape(n, Features.SPATIAL, b.canvas(), b.canvas()))
              .toType(type, false);
      NDArray g = batch.create(b.global(), new Shape(n, Features.GLOBAL)).toType(type, false);
      NDList out =
          net.forward(new ParameterStore(batch, false), new NDList(s, g), false, forwardParams);
      // The softmaxes and everything read back in FP32, whatever the network computed in.
      return new Outputs(
          fp32(out.get(0)).softmax(1).toFloatArray(),
          fp32(out.get(1)).softmax(1).toFloatArray(),
          fp32(out.get(2)).toFloatArray(),
          fp32(out.get(3)).toFloatArray());
    }
  }

  private static NDArray fp32(NDArray a) {
    return a.toType(DataType.FLOAT32, false);
  }

  /** The last stage of {@link #evaluate}: each position's answer, moved back from its symmetry. */
  public Evaluation[] decode(Batch b, Outputs out) {
    int n = b.positions().size();
    int canvas = b.canvas();
    int plane = canvas * canvas;
    Evaluation[] result = new Evaluation[n];
    for (int i = 0; i < n; i++) {
      int size = b.positions().get(i).board().size();
      int[] map = b.symmetries()[i].indexMap(size);
      float[] pol = new float[size * size + 1];
      float[] own = new float[size * size];
      int base = i * (plane + 1);
      for (int p = 0; p < size * size; p++) {
        int q = map[p];
        int cell = (q / size) * canvas + (q % size);
        pol[p] = out.policy()[base + cell];
        own[p] = out.ownership()[i * plane + cell];
      }
      pol[size * size] = out.policy()[base + plane];
      result[i] =
          new Evaluation(
              pol,
              out.value()[3 * i],
              out.value()[3 * i + 1],
              out.value()[3 * i + 2],
              out.score()[i] * TengenNet.SCORE_SCALE,
              own);
    }
    return result;
  }

  @Override
  public void close() {
    manager.close();
  }
}
