package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tengen.localstack.loop.LoopStats.network;
import static org.tengen.localstack.loop.LoopStats.stats;

import org.junit.jupiter.api.Test;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;

/** The trainer trains on enough new positions, and under a gate never while a candidate waits. */
class TrainerScheduleTest {

  private final TrainerSchedule schedule = new TrainerSchedule(3000, true);

  @Test
  void trainsOnceEnoughNewPositionsCameIn() {
    NetworkStats first = network("local-b2c32-s0-d0", NetworkStatus.RELEASED, true);
    TrainerSchedule.Decision wait = schedule.decide(stats(5999, first), 3000);
    assertFalse(wait.train());
    assertEquals("waiting for data (2999/3000 new positions)", wait.why());
    TrainerSchedule.Decision go = schedule.decide(stats(6000, first), 3000);
    assertTrue(go.train());
    assertEquals(6000, go.positions());
  }

  @Test
  void aWaitingCandidateHoldsTheNextJobBack() {
    Stats s =
        stats(
            100_000,
            network("local-b2c32-s0-d0", NetworkStatus.RELEASED, true),
            network("local-b2c32-s12800-d3000", NetworkStatus.CANDIDATE, true));
    TrainerSchedule.Decision d = schedule.decide(s, 0);
    assertFalse(d.train());
    assertEquals("waiting for the candidate's rating games", d.why());
  }

  @Test
  void withoutAGateTheTrainerDoesNotWaitForRatingGames() {
    Stats s =
        stats(
            100_000,
            network("local-b2c32-s0-d0", NetworkStatus.RELEASED, true),
            network("local-b2c32-s12800-d3000", NetworkStatus.CANDIDATE, true));
    assertTrue(new TrainerSchedule(3000, false).decide(s, 0).train());
    assertFalse(new TrainerSchedule(3000, false).decide(s, 98_000).train());
  }

  @Test
  void aDisabledCandidateDoesNotHoldItBack() {
    Stats s =
        stats(
            100_000,
            network("local-b2c32-s0-d0", NetworkStatus.RELEASED, true),
            network("local-b2c32-s12800-d3000", NetworkStatus.CANDIDATE, false));
    assertTrue(schedule.decide(s, 0).train());
  }
}
