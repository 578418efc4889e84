package org.tengen.network.vector;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into one contiguous range per thread; the calling thread runs
 * the first range itself. With one thread everything runs in the caller.
 */
final class Parallel {

  /** One range of a loop: {@code from} inclusive, {@code to} exclusive. */
  interface Range {
    void run(int from, int to);
  }

  private final int threads;
  private final ForkJoinPool pool;

  Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads - 1);
  }

  int threads() {
    return threads;
  }

  void forRange(int n, Range body) {
    int parts = Math.min(threads, n);
    if (parts <= 1) {
      body.run(0, n);
      return;
    }
    @SuppressWarnings("unchecked")
    ForkJoinTask<?>[] others = new ForkJoinTask<?>[parts - 1];
    for (int t = 1; t < parts; t++) {
      int from = (int) ((long) n * t / parts);
      int to = (int) ((long) n * (t + 1) / parts);
      others[t - 1] = pool.submit(() -> body.run(from, to));
    }
    body.run(0, (int) ((long) n / parts));
    for (ForkJoinTask<?> task : others) {
      task.join();
    }
  }
}
