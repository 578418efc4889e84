package org.tengen.worker.selfplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tengen.core.record.GameRecord;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.eval.EvaluationCache;

/**
 * Plays many self-play games at once, one thread per game in flight, all sharing one batched
 * evaluator so that its batches fill (KataGo's numGameThreads and nnMaxBatchSize pattern).
 */
public final class SelfPlayRunner {

  /**
   * Counters since the start; {@code cacheHitRate} is the share of the network's answers that came
   * from the evaluation cache, or -1 without a cache.
   */
  public record Progress(
      long games,
      long moves,
      long evaluations,
      double averageBatch,
      double seconds,
      double cacheHitRate) {

    public double movesPerSecond() {
      return seconds > 0 ? moves / seconds : 0;
    }

    public double evaluationsPerSecond() {
      return seconds > 0 ? evaluations / seconds : 0;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d games, %d moves, %.1f moves/s, %.0f nn evals/s, batch %.1f,%s %.0f s",
          games,
          moves,
          movesPerSecond(),
          evaluationsPerSecond(),
          averageBatch,
          cacheHitRate < 0
              ? ""
              : String.format(Locale.ROOT, " cache hits %.0f%%,", 100 * cacheHitRate),
          seconds);
    }
  }

  private SelfPlayRunner() {}

  /** Thrown by a move hook to abandon the game in progress (the worker is stopping). */
  public static final class GameAbandoned extends RuntimeException {
    public GameAbandoned() {
      super("game abandoned", null, false, false);
    }
  }

  /** The same as the full form, with no move hook and nothing that stops it early. */
  public static Progress run(
      SelfPlay.Settings settings,
      String network,
      BatchedEvaluator evaluator,
      int inFlight,
      int games,
      long seed,
      Consumer<GameRecord> sink,
      Consumer<Progress> progress,
      double progressSeconds)
      throws InterruptedException {
    return run(
        settings,
        network,
        evaluator,
        inFlight,
        games,
        seed,
        sink,
        progress,
        progressSeconds,
        () -> {});
  }

  /**
   * Plays {@code games} games, {@code inFlight} at a time; hands each record to {@code sink} (from
   * the game's thread, one call at a time) and reports progress every {@code progressSeconds}.
   * {@code moveHook} runs after every move on the game's thread: it may block (a pause) or throw
   * {@link GameAbandoned}, which drops that game and starts no new one.
   */
  public static Progress run(
      SelfPlay.Settings settings,
      String network,
      BatchedEvaluator evaluator,
      int inFlight,
      int games,
      long seed,
      Consumer<GameRecord> sink,
      Consumer<Progress> progress,
      double progressSeconds,
      Runnable moveHook)
      throws InterruptedException {
    if (inFlight < 1 || games < 0) {
      throw new IllegalArgumentException("games in flight must be at least 1, games at least 0");
    }
    long start = System.nanoTime();
    long evalsBefore = evaluator.stats().evaluations();
    long batchesBefore = evaluator.stats().batches();
    EvaluationCache.Stats cacheBefore = evaluator.cacheStats();
    AtomicInteger left = new AtomicInteger(games);
    AtomicLong finished = new AtomicLong();
    AtomicLong moves = new AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean abandoned =
        new java.util.concurrent.atomic.AtomicBoolean();
    SplittableRandom seeds = new SplittableRandom(seed);
    Object sinkLock = new Object();
    Runnable snapshot =
        () -> {
          BatchedEvaluator.Stats s = evaluator.stats();
          long evals = s.evaluations() - evalsBefore;
          long batches = s.batches() - batchesBefore;
          progress.accept(
              new Progress(
                  finished.get(),
                  moves.get(),
                  evals,
                  batches == 0 ? 0 : (double) evals / batches,
                  (System.nanoTime() - start) / 1e9,
                  hitRate(cacheBefore, evaluator.cacheStats())));
        };
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "selfplay-progress");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(1, (long) (progressSeconds * 1000));
    ticker.scheduleAtFixedRate(snapshot, period, period, TimeUnit.MILLISECONDS);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            inFlight,
            r -> {
              Thread t = new Thread(r, "selfplay-game");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        workers.add(
            pool.submit(
                () -> {
                  while (!abandoned.get() && left.getAndDecrement() > 0) {
                    SplittableRandom random;
                    synchronized (seeds) {
                      random = seeds.split();
                    }
                    GameRecord record;
                    try {
                      record =
                          SelfPlay.play(
                              settings,
                              network,
                              evaluator,
                              random,
                              () -> {
                                moves.incrementAndGet();
                                moveHook.run();
                              });
                    } catch (GameAbandoned e) {
                      abandoned.set(true);
                      return null;
                    }
                    synchronized (sinkLock) {
                      sink.accept(record);
                    }
                    finished.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a self-play game failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      ticker.shutdownNow();
    }
    BatchedEvaluator.Stats s = evaluator.stats();
    long evals = s.evaluations() - evalsBefore;
    long batches = s.batches() - batchesBefore;
    return new Progress(
        finished.get(),
        moves.get(),
        evals,
        batches == 0 ? 0 : (double) evals / batches,
        (System.nanoTime() - start) / 1e9,
        hitRate(cacheBefore, evaluator.cacheStats()));
  }

  /** The cache's hit rate between two readings; -1 without a cache. */
  static double hitRate(EvaluationCache.Stats before, EvaluationCache.Stats now) {
    if (before == null || now == null) {
      return -1;
    }
    long hits = now.hits() - before.hits();
    long all = hits + now.misses() - before.misses();
    return all == 0 ? 0 : (double) hits / all;
  }
}
