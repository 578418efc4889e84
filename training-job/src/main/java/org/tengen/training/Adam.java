package org.tengen.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tengen.network.model.Network;

/**
 * Adam whose state (first and second moments, step count) is ours, so that a checkpoint holds all
 * of it and a restarted job continues exactly, and so that the next job of a run can carry it on
 * ({@link OptimizerState}) instead of starting from zero moments. The update itself is the engine's
 * fused Adam (as DJL's own optimizer calls it), which updates the weights in place outside the
 * autograd graph.
 *
 * <p>Two counts: {@link #step()} is every step of the lineage (bias correction and the learning
 * rate's schedule follow it), {@link #jobSteps()} the steps of this job.
 */
public final class Adam {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final Network network;
  private final LearningRate learningRate;
  private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
  private long step;
  private long jobStart;

  public Adam(Network network, float learningRate) {
    this(network, LearningRate.constant(learningRate));
  }

  /**
   * @param learningRate the rate of each lineage step (its warm-up and decay)
   */
  public Adam(Network network, LearningRate learningRate) {
    this.network = network;
    this.learningRate = learningRate;
    for (Pair<String, Parameter> p : network.parameters()) {
      NDArray w = p.getValue().getArray();
      w.setRequiresGradient(true);
      moments.put(
          p.getKey(),
          new NDArray[] {
            network.manager().zeros(w.getShape(), w.getDataType()),
            network.manager().zeros(w.getShape(), w.getDataType())
          });
    }
  }

  /** Steps of the whole lineage, earlier jobs' included. */
  public long step() {
    return step;
  }

  /** Steps of this job. */
  public long jobSteps() {
    return step - jobStart;
  }

  /**
   * One update from the gradients the last backward pass left, which are then zeroed for the next
   * (so callers do not use {@code GradientCollector.zeroGradients}).
   */
  public void update() {
    step++;
    float rate = (float) learningRate.at(step);
    float coef1 = (float) (1 - Math.pow(BETA1, step));
    float coef2 = (float) (1 - Math.pow(BETA2, step));
    float corrected = (float) (rate * Math.sqrt(coef2) / coef1);
    for (Pair<String, Parameter> p : network.parameters()) {
      NDArray w = p.getValue().getArray();
      NDArray[] mv = moments.get(p.getKey());
      // The gradient's handle is a new array attached to the network's manager: closed here, or
      // every step leaves one per parameter behind and a job slows as they pile up (DJL's
      // GradientCollector.zeroGradients leaves two per parameter per step, and walks them all).
      try (NDArray g = w.getGradient()) {
        w.getNDArrayInternal()
            .adamUpdate(
                new NDList(w, g, mv[0], mv[1]),
                new NDList(w),
                rate,
                corrected,
                0f,
                1f,
                -1f,
                BETA1,
                BETA2,
                EPSILON,
                true,
                false);
        g.subi(g); // backward adds to the gradient: the next step's starts from zero
      }
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(step);
    out.writeLong(jobStart);
    out.writeInt(moments.size());
    for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
      out.writeUTF(e.getKey());
      for (NDArray a : e.getValue()) {
        FloatArrays.write(out, a.toFloatArray());
      }
    }
  }

  /** Reads a checkpoint's state: the same job continues. */
  void read(DataInputStream in) throws IOException {
    step = in.readLong();
    jobStart = in.readLong();
    int count = in.readInt();
    if (count != moments.size()) {
      throw new IOException(
          "checkpoint holds Adam state for " + count + " parameters, not " + moments.size());
    }
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      NDArray[] mv = moments.get(name);
      if (mv == null) {
        throw new IOException("checkpoint holds Adam state for an unknown parameter " + name);
      }
      for (NDArray moment : mv) {
        moment.set(FloatArrays.read(in, moment.size(), "checkpoint's Adam state for " + name));
      }
    }
  }

  /** Reads the state an earlier job ended with: a new job starts from it. */
  void carryOn(DataInputStream in) throws IOException {
    read(in);
    jobStart = step;
  }
}
