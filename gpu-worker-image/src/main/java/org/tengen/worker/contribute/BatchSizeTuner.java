package org.tengen.worker.contribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.tengen.network.model.Network;
import org.tengen.network.profile.RawSpeed;

/**
 * {@code nnMaxBatchSize = auto}: the batch size at which this machine evaluates a network fastest,
 * measured on the network itself before its first game. The best batch differs by an order of
 * magnitude between a CPU (16 to 64 positions) and a GPU (hundreds), and on a CPU it falls off
 * again past a size that depends on the board and the cache, so no fixed default suits both.
 *
 * <p>Batch sizes are tried from the smallest up, powers of two up to the games the worker plays at
 * once (a batch can never hold more positions than there are searches waiting); the trial stops
 * once a size is well past the peak, and the sizes tried are measured again from the largest down,
 * each keeping its better figure. The choice is the smallest size within {@link #TOLERANCE} of the
 * fastest measured: a larger one would need more games in flight to fill for no gain.
 */
public final class BatchSizeTuner {

  /** Positions evaluated a second at a batch size: the network's, or a model in tests. */
  public interface Throughput {
    double at(int batch);
  }

  /** The batch chosen and every size's measured positions a second, in the order tried. */
  public record Choice(int batch, Map<Integer, Double> measured) {
    public Choice {
      measured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measured));
    }

    /** "8: 512, 16: 803, 32: 857 evals/s" */
    public String describe() {
      return measured.entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%d: %.0f", e.getKey(), e.getValue()))
              .collect(Collectors.joining(", "))
          + " evals/s";
    }
  }

  /** A size within this share of the fastest counts as just as fast. */
  static final double TOLERANCE = 0.05;

  /** A size this far below the fastest so far is past the peak: larger ones are not tried. */
  static final double PAST_PEAK = 0.8;

  static final int SMALLEST = 4;
  static final int LARGEST = 1024;

  private BatchSizeTuner() {}

  /** Powers of two from {@link #SMALLEST} up to {@code gamesAtOnce}, which closes the list. */
  public static List<Integer> candidates(int gamesAtOnce) {
    int largest = Math.max(1, Math.min(gamesAtOnce, LARGEST));
    List<Integer> sizes = new ArrayList<>();
    for (int b = SMALLEST; b < largest; b *= 2) {
      sizes.add(b);
    }
    sizes.add(largest);
    return sizes;
  }

  public static Choice choose(List<Integer> candidates, Throughput throughput) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no batch size to try");
    }
    Map<Integer, Double> measured = new LinkedHashMap<>();
    double best = 0;
    for (int b : candidates) {
      double rate = throughput.at(b);
      measured.put(b, rate);
      best = Math.max(best, rate);
      if (rate < PAST_PEAK * best) {
        break;
      }
    }
    // Again from the largest down, keeping each size's better figure: a machine that speeds up
    // while it warms (its clock, its caches, libtorch's first calls) favoured the sizes tried
    // last, and one pass on a shared machine is noisy at the 5% this choice reads.
    List<Integer> tried = new ArrayList<>(measured.keySet());
    java.util.Collections.reverse(tried);
    for (int b : tried) {
      double rate = Math.max(measured.get(b), throughput.at(b));
      measured.put(b, rate);
      best = Math.max(best, rate);
    }
    double good = (1 - TOLERANCE) * best;
    int chosen =
        measured.entrySet().stream()
            .filter(e -> e.getValue() >= good)
            .mapToInt(Map.Entry::getKey)
            .min()
            .orElseThrow();
    return new Choice(chosen, measured);
  }

  /**
   * The network's positions a second at each batch size: a batch of positions of random play on the
   * board ({@link RawSpeed}), evaluated for {@code seconds}.
   */
  public static Throughput measured(Network network, int boardSize, double seconds) {
    return batch ->
        RawSpeed.evaluationsPerSecond(
            network, RawSpeed.positions(boardSize, batch, new SplittableRandom(batch)), seconds);
  }
}
