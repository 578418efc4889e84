package org.tengen.network.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tengen.core.go.Symmetry;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;

/**
 * One evaluator per model, shared by every search: requests wait in a queue and are evaluated in
 * batches of up to {@code maxBatchSize} by {@code serverThreads} threads (the seed's {@code
 * nnMaxBatchSize} and {@code numNNServerThreadsPerModel}). A server thread takes the first request
 * as soon as it comes and whatever else is waiting, so batches fill when many searches are in
 * flight and a lone search is never held back. Each request may be seen through a random symmetry,
 * undone on the output.
 */
public final class BatchedEvaluator implements Evaluator, AutoCloseable {

  private record Request(
      Features.Position position,
      Symmetry symmetry,
      long key,
      CompletableFuture<Evaluation> result) {}

  /** What the evaluator has done so far. */
  public record Stats(long evaluations, long batches) {
    public double averageBatch() {
      return batches == 0 ? 0 : (double) evaluations / batches;
    }
  }

  private static final Request STOP = new Request(null, null, 0, null);

  private final Network network;
  private final int maxBatchSize;
  private final boolean randomSymmetry;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final List<Thread> servers = new ArrayList<>();
  private final SplittableRandom random;
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile boolean closed;
  private volatile EvaluationCache cache;

  public BatchedEvaluator(
      Network network, int maxBatchSize, int serverThreads, boolean randomSymmetry, long seed) {
    if (maxBatchSize < 1 || maxBatchSize > 4096) {
      throw new IllegalArgumentException("nnMaxBatchSize " + maxBatchSize + " is outside 1..4096");
    }
    if (serverThreads < 1 || serverThreads > 64) {
      throw new IllegalArgumentException(
          "numNNServerThreadsPerModel " + serverThreads + " is outside 1..64");
    }
    this.network = network;
    this.maxBatchSize = maxBatchSize;
    this.randomSymmetry = randomSymmetry;
    this.random = new SplittableRandom(seed);
    for (int i = 0; i < serverThreads; i++) {
      Thread t = new Thread(this::serve, "nn-server-" + network.name() + "-" + i);
      t.setDaemon(true);
      servers.add(t);
      t.start();
    }
  }

  public Network network() {
    return network;
  }

  /**
   * Answers repeated positions from {@code cache} from now on (null: no cache). Self-play and
   * matches use one; a test of the network's numbers does not.
   */
  public BatchedEvaluator withCache(EvaluationCache cache) {
    this.cache = cache;
    return this;
  }

  /** The cache's figures, or null without one. */
  public EvaluationCache.Stats cacheStats() {
    EvaluationCache c = cache;
    return c == null ? null : c.stats();
  }

  /**
   * Queues a position. The board is copied, so the caller may go on playing; the future completes
   * with the evaluation, or exceptionally if the network failed or the evaluator closed.
   */
  public CompletableFuture<Evaluation> submit(Features.Position position) {
    Symmetry symmetry;
    synchronized (random) {
      symmetry = randomSymmetry ? Symmetry.of(random.nextInt(8)) : Symmetry.IDENTITY;
    }
    return submit(position, symmetry);
  }

  /** Queues a position to be seen through the given symmetry (undone on the answer). */
  public CompletableFuture<Evaluation> submit(Features.Position position, Symmetry symmetry) {
    CompletableFuture<Evaluation> future = new CompletableFuture<>();
    if (closed) {
      future.completeExceptionally(new IllegalStateException("evaluator is closed"));
      return future;
    }
    EvaluationCache c = cache;
    long key = 0;
    if (c != null) {
      key = EvaluationCache.key(position);
      Evaluation hit = c.get(key);
      if (hit != null) {
        future.complete(hit);
        return future;
      }
    }
    Features.Position copy =
        new Features.Position(
            position.board().copy(),
            position.toMove(),
            position.koPoint(),
            position.lastMoves().clone(),
            position.rules());
    queue.add(new Request(copy, symmetry, key, future));
    return future;
  }

  /** Evaluates a position and waits for the answer. */
  @Override
  public Evaluation evaluate(Features.Position position) {
    try {
      return submit(position).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the network", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("network evaluation failed: " + e.getCause(), e.getCause());
    }
  }

  public Stats stats() {
    return new Stats(evaluations.get(), batches.get());
  }

  private void serve() {
    List<Request> batch = new ArrayList<>(maxBatchSize);
    while (true) {
      batch.clear();
      Request first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (first == STOP) {
        queue.add(STOP); // for the other server threads
        return;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatchSize - 1);
      boolean stop = batch.removeIf(r -> r == STOP);
      run(batch);
      if (stop) {
        queue.add(STOP);
        return;
      }
    }
  }

  private void run(List<Request> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Features.Position> positions = new ArrayList<>(batch.size());
    Symmetry[] symmetries = new Symmetry[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      positions.add(batch.get(i).position());
      symmetries[i] = batch.get(i).symmetry();
    }
    try {
      Evaluation[] out = network.evaluate(positions, symmetries);
      evaluations.addAndGet(batch.size());
      batches.incrementAndGet();
      EvaluationCache c = cache;
      for (int i = 0; i < out.length; i++) {
        if (c != null) {
          c.put(batch.get(i).key(), out[i]);
        }
        batch.get(i).result().complete(out[i]);
      }
    } catch (RuntimeException e) {
      for (Request r : batch) {
        r.result().completeExceptionally(e);
      }
    }
  }

  /** Stops the server threads after the requests already queued; does not close the network. */
  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    for (Thread t : servers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    // Requests that raced with close() and found no server left.
    List<Request> left = new ArrayList<>();
    queue.drainTo(left);
    for (Request r : left) {
      if (r != STOP) {
        r.result().completeExceptionally(new IllegalStateException("evaluator closed"));
      }
    }
  }
}
