package org.tengen.localstack.loop;

import java.util.List;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.Totals;

/** The functions' stats as the loop's tests need them: only what a test names is set. */
final class LoopStats {

  private LoopStats() {}

  static NetworkStats network(String name, NetworkStatus status, boolean enabled) {
    return network(name, status, enabled, 0);
  }

  static NetworkStats network(String name, NetworkStatus status, boolean enabled, long samples) {
    return new NetworkStats(
        name, status, enabled, null, samples, 0, 0, null, null, null, null, null, null, null, 0, 0,
        0, 0, null);
  }

  static Stats stats(long positions, NetworkStats... networks) {
    return new Stats(
        "local",
        "ACTIVE",
        "local-b2c32-s0-d0",
        null,
        new Totals(positions / 50, positions, 1, 0, 0, 1),
        List.of(),
        List.of(),
        List.of(),
        List.of(networks),
        List.of());
  }
}
