package org.tengen.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tengen.network.model.Network;

/**
 * An exponential moving average of the weights, the network a job exports when {@code ema_decay} is
 * set (KataGo exports an average of recent weights too: it is smoother than the last step's). Early
 * in a lineage the decay is {@code min(decay, (1 + t) / (10 + t))} at lineage step t, so that the
 * average is not held back by the random first network.
 */
final class WeightAverage {

  private final Network network;
  private final double decay;
  // Kept on the Java side: one copy of the weights per step is cheap next to a training step, and
  // it keeps the average out of the engine's autograd and memory management.
  private final Map<String, float[]> average = new LinkedHashMap<>();

  WeightAverage(Network network, double decay) {
    this.network = network;
    this.decay = decay;
    for (Pair<String, Parameter> p : network.parameters()) {
      average.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
  }

  /** The decay used after lineage step {@code step}. */
  static double decayAt(double decay, long step) {
    return Math.min(decay, (1.0 + step) / (10.0 + step));
  }

  /** Folds the current weights in, after lineage step {@code step}. */
  void update(long step) {
    float d = (float) decayAt(decay, step);
    float rest = 1 - d;
    for (Pair<String, Parameter> p : network.parameters()) {
      float[] a = average.get(p.getKey());
      float[] w = p.getValue().getArray().toFloatArray();
      for (int i = 0; i < a.length; i++) {
        a[i] = d * a[i] + rest * w[i];
      }
    }
  }

  /**
   * Runs {@code action} with the averaged weights in the network, then puts the trained weights
   * back.
   */
  <T> T withAverage(IoSupplier<T> action) throws IOException {
    Map<String, float[]> trained = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : network.parameters()) {
      NDArray w = p.getValue().getArray();
      trained.put(p.getKey(), w.toFloatArray());
      w.set(average.get(p.getKey()));
    }
    try {
      return action.get();
    } finally {
      for (Pair<String, Parameter> p : network.parameters()) {
        p.getValue().getArray().set(trained.get(p.getKey()));
      }
    }
  }

  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(average.size());
    for (Map.Entry<String, float[]> e : average.entrySet()) {
      out.writeUTF(e.getKey());
      FloatArrays.write(out, e.getValue());
    }
  }

  void read(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count != average.size()) {
      throw new IOException(
          "the weight average holds " + count + " parameters, not " + average.size());
    }
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      float[] a = average.get(name);
      if (a == null) {
        throw new IOException("the weight average holds an unknown parameter " + name);
      }
      float[] read = FloatArrays.read(in, a.length, "the weight average's " + name);
      System.arraycopy(read, 0, a, 0, a.length);
    }
  }
}
