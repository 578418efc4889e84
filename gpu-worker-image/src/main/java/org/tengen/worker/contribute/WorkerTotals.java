package org.tengen.worker.contribute;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a worker has done since it started, for its progress and status lines. */
public final class WorkerTotals {
  final AtomicLong gamesPlayed = new AtomicLong();
  final AtomicInteger batchesPlayed = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger rejected = new AtomicInteger();
  final AtomicInteger duplicates = new AtomicInteger();
  final AtomicInteger ratingGames = new AtomicInteger();
  volatile String currentNetwork = "-";

  /** The totals as the status line shows them, with the queue's length and the pause flag. */
  String line(int queued, boolean paused) {
    return String.format(
        java.util.Locale.ROOT,
        "network %s | played %d games in %d batches, %d rating games | uploads %d accepted, %d"
            + " rejected, %d duplicate, %d queued%s",
        currentNetwork,
        gamesPlayed.get(),
        batchesPlayed.get(),
        ratingGames.get(),
        accepted.get(),
        rejected.get(),
        duplicates.get(),
        queued,
        paused ? " | PAUSED" : "");
  }
}
