package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tengen.localstack.loop.LoopStats.network;
import static org.tengen.localstack.loop.LoopStats.stats;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.Stats;

/** The run's summary says what the machine did. */
class StatusViewTest {

  @Test
  void theSummarySaysHowOftenEachStoredPositionWasTrained() {
    Stats s =
        stats(
            1500,
            network("local-b2c32-s3000-d900", NetworkStatus.RELEASED, true, 3000),
            network("local-b2c32-s0-d0", NetworkStatus.RELEASED, true));
    List<String> lines = StatusView.summary(s, Duration.ofMinutes(5), 1);
    assertTrue(
        lines.contains(
            "training: the newest network has seen 3,000 samples, 2.00 per position stored"),
        String.join("\n", lines));
  }
}
