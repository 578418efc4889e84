package org.tengen.core.record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects reasons. Every kind of problem is reported, but each code keeps only its first {@link
 * #DETAILED_PER_CODE} occurrences in detail and one summary line with the count of the rest, so a
 * game with 400 bad policies yields a readable list and bounded memory.
 */
final class Reasons {
  static final int DETAILED_PER_CODE = 5;

  private final List<Reason> detailed = new ArrayList<>();
  private final Map<RejectionCode, Integer> counts = new EnumMap<>(RejectionCode.class);

  void add(RejectionCode code, String path, String message) {
    int n = counts.merge(code, 1, Integer::sum);
    if (n <= DETAILED_PER_CODE) {
      detailed.add(new Reason(code, path, message));
    }
  }

  boolean isEmpty() {
    return detailed.isEmpty();
  }

  int count(RejectionCode code) {
    return counts.getOrDefault(code, 0);
  }

  List<Reason> list() {
    List<Reason> out = new ArrayList<>(detailed);
    for (Map.Entry<RejectionCode, Integer> e : counts.entrySet()) {
      int more = e.getValue() - DETAILED_PER_CODE;
      if (more > 0) {
        out.add(new Reason(e.getKey(), "", more + " more like the above"));
      }
    }
    return List.copyOf(out);
  }
}
