package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;

class BatchSizeTunerTest {

  @Test
  void candidatesArePowersOfTwoUpToTheGamesAtOnce() {
    assertEquals(List.of(4, 8, 16), BatchSizeTuner.candidates(16));
    assertEquals(List.of(4, 8, 16, 32, 48), BatchSizeTuner.candidates(48));
    assertEquals(List.of(2), BatchSizeTuner.candidates(2), "fewer games than the smallest size");
    List<Integer> many = BatchSizeTuner.candidates(100_000);
    assertEquals(1024, many.get(many.size() - 1));
  }

  /** A CPU's curve: the rate peaks at 32 and falls off; sizes well past the peak are not tried. */
  @Test
  void aPeakedCurveGetsItsPeakAndTheTrialStopsPastIt() {
    Map<Integer, Double> curve = Map.of(4, 300.0, 8, 520.0, 16, 780.0, 32, 857.0, 64, 600.0);
    BatchSizeTuner.Choice c =
        BatchSizeTuner.choose(
            List.of(4, 8, 16, 32, 64, 128, 256),
            b -> {
              Double rate = curve.get(b);
              if (rate == null) {
                throw new AssertionError("batch " + b + " tried after 64 fell 30% below 32");
              }
              return rate;
            });
    assertEquals(32, c.batch());
    assertEquals(List.of(4, 8, 16, 32, 64), List.copyOf(c.measured().keySet()));
    assertTrue(c.describe().startsWith("4: 300, 8: 520"), c.describe());
  }

  /** Within 5% of the fastest, the smaller size wins: it fills with fewer games in flight. */
  @Test
  void theSmallestSizeWithinTheToleranceIsChosen() {
    Map<Integer, Double> flat = Map.of(4, 500.0, 8, 800.0, 16, 810.0, 32, 830.0);
    assertEquals(8, BatchSizeTuner.choose(List.of(4, 8, 16, 32), flat::get).batch());
    Map<Integer, Double> steep = Map.of(4, 500.0, 8, 700.0, 16, 810.0, 32, 900.0);
    assertEquals(32, BatchSizeTuner.choose(List.of(4, 8, 16, 32), steep::get).batch());
  }

  /** A GPU's curve keeps rising: the largest size the games can fill is chosen. */
  @Test
  void aRisingCurveGetsTheLargestSize() {
    BatchSizeTuner.Choice c =
        BatchSizeTuner.choose(BatchSizeTuner.candidates(512), b -> 100_000.0 * b / (b + 256));
    assertEquals(512, c.batch());
    assertEquals(8, c.measured().size());
    assertThrows(IllegalArgumentException.class, () -> BatchSizeTuner.choose(List.of(), b -> 1));
  }

  /**
   * A machine that warms up as it measures (each call faster than the one before): the second pass,
   * from the largest size down, gives the small sizes their warm figures, and the choice is the
   * size that is fastest when warm.
   */
  @Test
  void aMachineThatWarmsUpDoesNotFavourTheSizesTriedLast() {
    Map<Integer, Double> warm = Map.of(4, 500.0, 8, 800.0, 16, 700.0, 32, 690.0);
    int[] calls = {0};
    BatchSizeTuner.Choice c =
        BatchSizeTuner.choose(
            List.of(4, 8, 16, 32),
            b -> warm.get(b) * Math.min(1.0, 0.6 + 0.1 * calls[0]++)); // cold at first
    assertEquals(8, c.batch(), c.describe());
    assertEquals(800.0, c.measured().get(8), 1e-9, "its warm figure, from the second pass");
  }

  @Test
  void aRealNetworkIsMeasured() {
    try (Network net = Network.random(NetworkName.parse("t-b1c8-s0-d0"), 3, Device.cpu())) {
      BatchSizeTuner.Throughput t = BatchSizeTuner.measured(net, 9, 0.05);
      double four = t.at(4);
      assertTrue(four > 0 && Double.isFinite(four), "positions a second: " + four);
      BatchSizeTuner.Choice c = BatchSizeTuner.choose(List.of(1, 4), t);
      assertTrue(c.batch() == 1 || c.batch() == 4, c.toString());
      assertFalse(c.measured().isEmpty());
    }
  }
}
