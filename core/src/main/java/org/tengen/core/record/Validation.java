package org.tengen.core.record;

import java.util.List;

/** The verdict on an upload. */
public sealed interface Validation permits Validation.Accepted, Validation.Rejected {

  /** Every check passed; the batch as read. */
  record Accepted(GameBatch batch) implements Validation {}

  /** At least one check failed; every reason found, in document order per code. */
  record Rejected(List<Reason> reasons) implements Validation {
    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
    }

    /** Whether some reason has this code. */
    public boolean has(RejectionCode code) {
      return reasons.stream().anyMatch(r -> r.code() == code);
    }
  }
}
