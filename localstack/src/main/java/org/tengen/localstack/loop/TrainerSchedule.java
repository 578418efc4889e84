package org.tengen.localstack.loop;

import java.util.Optional;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;

/**
 * When the loop trains: once {@code trainEvery} new positions have come in since the last job
 * started, and only while no enabled candidate is waiting for its rating games (a second candidate
 * would only queue behind the first).
 */
record TrainerSchedule(long trainEvery) {

  /** Train now on {@code positions}, {@code fresh} of them new, or wait for {@code why}. */
  record Decision(boolean train, long positions, long fresh, String why) {}

  Decision decide(Stats stats, long positionsAtLastJob) {
    long positions = stats.totals().positions();
    long fresh = positions - positionsAtLastJob;
    Optional<NetworkStats> candidate =
        stats.networks().stream()
            .filter(n -> n.status() == NetworkStatus.CANDIDATE && n.enabled())
            .findFirst();
    if (candidate.isPresent()) {
      return new Decision(false, positions, fresh, "waiting for the candidate's rating games");
    }
    if (fresh < trainEvery) {
      return new Decision(
          false,
          positions,
          fresh,
          "waiting for data (" + fresh + "/" + trainEvery + " new positions)");
    }
    return new Decision(true, positions, fresh, "training on " + positions + " positions");
  }
}
