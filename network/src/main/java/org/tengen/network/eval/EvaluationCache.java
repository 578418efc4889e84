package org.tengen.network.eval;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;

/**
 * The network's answers by position (KataGo's nnCache), shared by every search of an evaluator: a
 * transposition, a repeated opening or a subtree searched again costs no evaluation. A fixed table
 * of {@code 2^log2Entries} slots, each holding one 64-bit key and its evaluation; a new answer
 * replaces whatever its slot held. Lock-free: a slot is one atomic reference to an immutable entry.
 *
 * <p>The key covers everything the network sees: the board (its Zobrist hash), the player to move,
 * the ko point, the recent moves the input features encode, and the rules and komi. An answer was
 * computed through one random symmetry and is returned as it is, as KataGo's cache does.
 */
public final class EvaluationCache {

  private record Entry(long key, Evaluation evaluation) {}

  /** How the cache has done. */
  public record Stats(long hits, long misses) {
    public double hitRate() {
      long all = hits + misses;
      return all == 0 ? 0 : (double) hits / all;
    }
  }

  private final AtomicReferenceArray<Entry> table;
  private final int mask;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** A table of {@code 2^log2Entries} slots ({@code log2Entries} from 2 to 24). */
  public EvaluationCache(int log2Entries) {
    if (log2Entries < 2 || log2Entries > 24) {
      throw new IllegalArgumentException(
          "the evaluation cache's size 2^" + log2Entries + " is outside 2^2..2^24");
    }
    table = new AtomicReferenceArray<>(1 << log2Entries);
    mask = (1 << log2Entries) - 1;
  }

  /** The cached answer for the key, or null (counted as a hit or a miss). */
  public Evaluation get(long key) {
    Entry e = table.get((int) (key >>> 40) & mask);
    if (e != null && e.key() == key) {
      hits.increment();
      return e.evaluation();
    }
    misses.increment();
    return null;
  }

  public void put(long key, Evaluation evaluation) {
    table.set((int) (key >>> 40) & mask, new Entry(key, evaluation));
  }

  public Stats stats() {
    return new Stats(hits.sum(), misses.sum());
  }

  /** The key of everything the network's input holds of a position. */
  public static long key(Features.Position p) {
    long h = p.board().hash();
    h = mix(h ^ (p.toMove().ordinal() + 1) * 0x9E3779B97F4A7C15L);
    h = mix(h ^ (p.koPoint() + 2L) * 0xC2B2AE3D27D4EB4FL);
    int[] last = p.lastMoves();
    for (int i = 0; i < last.length; i++) {
      h = mix(h ^ ((last[i] + 2L) << 8 | i) * 0x165667B19E3779F9L);
    }
    var rules = p.rules();
    h = mix(h ^ Double.doubleToLongBits(rules.komi()));
    h =
        mix(
            h
                ^ rules.koRule().ordinal() * 31L
                    + rules.scoring().ordinal() * 7L
                    + (rules.suicideAllowed() ? 1 : 0));
    return mix(h ^ p.board().size());
  }

  /** A 64-bit finaliser (the one of SplitMix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
