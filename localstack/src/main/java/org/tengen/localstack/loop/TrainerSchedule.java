package org.tengen.localstack.loop;

import java.util.Optional;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;

/**
 * When the loop trains: once {@code trainEvery} new positions have come in since the last job
 * started, and, when {@code waitForRating}, only while no enabled candidate is waiting for its
 * rating games. Under the +20 Elo gate a second candidate would only queue behind the first; with
 * no gate ({@code --gate always}) the rating games decide nothing, the next job starts from the
 * newest network anyway, and waiting only idles the trainer (a fifth of the two-hour run's time).
 */
record TrainerSchedule(long trainEvery, boolean waitForRating) {

  /** Train now on {@code positions}, {@code fresh} of them new, or wait for {@code why}. */
  record Decision(boolean train, long positions, long fresh, String why) {}

  Decision decide(Stats stats, long positionsAtLastJob) {
    long positions = stats.totals().positions();
    long fresh = positions - positionsAtLastJob;
    Optional<NetworkStats> candidate =
        stats.networks().stream()
            .filter(n -> n.status() == NetworkStatus.CANDIDATE && n.enabled())
            .findFirst();
    if (waitForRating && candidate.isPresent()) {
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
