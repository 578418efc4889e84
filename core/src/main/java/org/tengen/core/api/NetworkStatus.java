package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A network's place in its run: waiting for its rating games, released, rejected, or superseded
 * (still a candidate when a newer one was released: nothing rates it any more).
 */
public enum NetworkStatus {
  CANDIDATE,
  RELEASED,
  REJECTED,
  SUPERSEDED,
  /** A status this client does not know (a newer backend). */
  @JsonEnumDefaultValue
  UNKNOWN
}
