package org.tengen.training;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The order positions are trained in: each epoch a fresh permutation of every training row (a
 * shuffle buffer the size of the window), cut into batches of one board size each. Rows of each
 * size wait in their own queue until it holds a batch, so sizes mix over the steps in proportion to
 * their rows. One size per batch, rather than mixed sizes on a 19x19 canvas, spares the 4.5× work
 * that padding a 9x9 position to 19x19 costs; KataGo groups by size for the same reason.
 *
 * <p>The sequence is a pure function of the data and the seed, so a job restarted at step k gets
 * batch k by generating and dropping the first k (cheap: indices only).
 */
public final class Batches {

  /** A batch: rows of one board size, as (shard, row) pairs. */
  public record Batch(int boardSize, int[] shards, int[] rows) {
    public int size() {
      return rows.length;
    }
  }

  private final List<ShardData.Shard> shards;
  private final int batchSize;
  private final long seed;
  private final int[] shardOf;
  private final int[] rowOf;
  private final Map<Integer, ArrayDeque<Integer>> waiting = new HashMap<>();
  private final ArrayDeque<Batch> ready = new ArrayDeque<>();
  private long epoch = -1;

  public Batches(List<ShardData.Shard> shards, int batchSize, long seed) {
    this.shards = shards;
    this.batchSize = batchSize;
    this.seed = seed;
    long total = shards.stream().mapToLong(s -> s.data().rows()).sum();
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the window holds more rows than one job can index");
    }
    shardOf = new int[(int) total];
    rowOf = new int[(int) total];
    int k = 0;
    for (int s = 0; s < shards.size(); s++) {
      for (int r = 0; r < shards.get(s).data().rows(); r++) {
        shardOf[k] = s;
        rowOf[k] = r;
        k++;
      }
    }
    if (total < batchSize) {
      throw new IllegalArgumentException(
          "the window holds "
              + total
              + " training rows, fewer than one batch of "
              + batchSize
              + ": lower batch_size or wait for more games");
    }
  }

  public Batch next() {
    while (ready.isEmpty()) {
      refill();
    }
    return ready.poll();
  }

  /** Drops the next {@code n} batches (a restart continuing at step n). */
  public void skip(long n) {
    for (long i = 0; i < n; i++) {
      next();
    }
  }

  private void refill() {
    epoch++;
    int n = shardOf.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int id : order) {
      int size = shards.get(shardOf[id]).data().boardSize();
      ArrayDeque<Integer> queue = waiting.computeIfAbsent(size, s -> new ArrayDeque<>());
      queue.add(id);
      if (queue.size() == batchSize) {
        int[] s = new int[batchSize];
        int[] r = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
          int x = queue.poll();
          s[i] = shardOf[x];
          r[i] = rowOf[x];
        }
        ready.add(new Batch(size, s, r));
      }
    }
  }
}
