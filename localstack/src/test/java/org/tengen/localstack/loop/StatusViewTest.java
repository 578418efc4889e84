package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.Totals;

/** The run's summary says what the machine did. */
class StatusViewTest {

  @Test
  void theSummarySaysHowOftenEachStoredPositionWasTrained() {
    Stats s =
        new Stats(
            "local",
            "running",
            "local-b2c32-s3000-d900",
            null,
            new Totals(10, 1500, 3, 0, 0, 3),
            List.of(),
            List.of(),
            List.of(),
            List.of(network("local-b2c32-s3000-d900", 3000), network("local-b2c32-s0-d0", 0)),
            List.of());
    List<String> lines = StatusView.summary(s, Duration.ofMinutes(5), 1);
    assertTrue(
        lines.contains(
            "training: the newest network has seen 3,000 samples, 2.00 per position stored"),
        String.join("\n", lines));
  }

  private static NetworkStats network(String name, long samples) {
    return new NetworkStats(
        name,
        NetworkStatus.RELEASED,
        true,
        null,
        samples,
        0,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        0,
        null);
  }
}
