package org.tengen.network.vector;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the Java engine's forward pass spends its time: wall time per stage, and inside the 3x3
 * convolutions the thread time (summed over the engine's threads) of their three steps, which run
 * interleaved chunk by chunk on every thread.
 */
public final class StageClock {

  /** The stages, in the order a forward pass runs them. */
  public enum Stage {
    INPUT_CONVOLUTION("5x5 input convolution (gathered patches, one product)"),
    CONVOLUTIONS("3x3 convolutions (Winograd), of which in thread time:"),
    TRANSFORM_IN("  input transforms"),
    MULTIPLY("  matrix products"),
    TRANSFORM_OUT("  output transforms and epilogues"),
    ELEMENTWISE("pooling, masks and rectifiers between convolutions"),
    HEADS("heads: 1x1 convolutions, pooling, outputs");

    /** Whether the stage is thread time inside the convolutions rather than wall time. */
    public boolean insideConvolutions() {
      return this == TRANSFORM_IN || this == MULTIPLY || this == TRANSFORM_OUT;
    }

    private final String description;

    Stage(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);

  StageClock() {
    for (Stage s : Stage.values()) {
      nanos.put(s, new LongAdder());
    }
  }

  void add(Stage stage, long nanoseconds) {
    nanos.get(stage).add(nanoseconds);
  }

  /** Milliseconds of thread time per stage, divided by {@code calls}. */
  Map<Stage, Double> millisPerCall(int calls) {
    Map<Stage, Double> out = new EnumMap<>(Stage.class);
    nanos.forEach((s, n) -> out.put(s, n.sum() / 1e6 / calls));
    return out;
  }
}
