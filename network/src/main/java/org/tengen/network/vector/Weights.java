package org.tengen.network.vector;

import java.util.Arrays;
import java.util.Map;

/** A network's parameters looked up by PyTorch's names, their sizes checked. */
final class Weights {

  private Weights() {}

  /** The parameter {@code name}, which must hold {@code size} values. */
  static float[] need(Map<String, float[]> w, String name, int size) {
    float[] a = w.get(name);
    if (a == null) {
      throw new IllegalArgumentException("the network has no parameter " + name);
    }
    if (a.length != size) {
      throw new IllegalArgumentException(
          "parameter " + name + " has " + a.length + " values, not " + size);
    }
    return a;
  }

  /** {@code a} followed by zeros up to {@code size} values. */
  static float[] padded(float[] a, int size) {
    return Arrays.copyOf(a, size);
  }
}
