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
 * of it and a restarted job continues exactly. The update itself is the engine's fused Adam (as
 * DJL's own optimizer calls it), which updates the weights in place outside the autograd graph.
 */
public final class Adam {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final Network network;
  private final float learningRate;
  private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
  private long step;

  public Adam(Network network, float learningRate) {
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

  public long step() {
    return step;
  }

  /** One update from the gradients the last backward pass left. */
  public void update() {
    step++;
    float coef1 = (float) (1 - Math.pow(BETA1, step));
    float coef2 = (float) (1 - Math.pow(BETA2, step));
    float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
    for (Pair<String, Parameter> p : network.parameters()) {
      NDArray w = p.getValue().getArray();
      NDArray g = w.getGradient();
      NDArray[] mv = moments.get(p.getKey());
      w.getNDArrayInternal()
          .adamUpdate(
              new NDList(w, g, mv[0], mv[1]),
              new NDList(w),
              learningRate,
              corrected,
              0f,
              1f,
              -1f,
              BETA1,
              BETA2,
              EPSILON,
              true,
              false);
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(step);
    out.writeInt(moments.size());
    for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
      out.writeUTF(e.getKey());
      for (NDArray a : e.getValue()) {
        float[] f = a.toFloatArray();
        out.writeInt(f.length);
        for (float x : f) {
          out.writeFloat(x);
        }
      }
    }
  }

  void read(DataInputStream in) throws IOException {
    step = in.readLong();
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
      for (int k = 0; k < 2; k++) {
        int length = in.readInt();
        if (length != mv[k].size()) {
          throw new IOException("checkpoint's Adam state for " + name + " has the wrong size");
        }
        float[] f = new float[length];
        for (int j = 0; j < length; j++) {
          f[j] = in.readFloat();
        }
        mv[k].set(f);
      }
    }
  }
}
