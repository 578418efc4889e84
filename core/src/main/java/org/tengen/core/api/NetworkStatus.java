package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A network's place in its run: waiting for its rating games, released, or rejected. */
public enum NetworkStatus {
  CANDIDATE,
  RELEASED,
  REJECTED,
  /** A status this client does not know (a newer backend). */
  @JsonEnumDefaultValue
  UNKNOWN
}
