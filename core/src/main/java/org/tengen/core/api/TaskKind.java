package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two kinds of work: self-play batches and a candidate's rating games. */
public enum TaskKind {
  SELFPLAY("selfplay"),
  RATING("rating"),
  /** A kind this client does not know (a newer backend). */
  @JsonEnumDefaultValue
  UNKNOWN("unknown");

  private final String wire;

  TaskKind(String wire) {
    this.wire = wire;
  }

  /** The name on the wire. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The kind with this wire name, or null when {@code wire} names none that a worker may ask. */
  public static TaskKind ofWire(String wire) {
    for (TaskKind k : values()) {
      if (k != UNKNOWN && k.wire.equals(wire)) {
        return k;
      }
    }
    return null;
  }
}
