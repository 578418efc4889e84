package org.tengen.network.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;

/**
 * A network's raw evaluation rate: one batch of positions evaluated over and over, with no search
 * around it. What {@code worker benchmark} prints per batch size and what a worker's batch-size
 * measurement compares.
 */
public final class RawSpeed {

  private RawSpeed() {}

  /** {@code count} positions of random play on a board, as varied as a game's. */
  public static List<Features.Position> positions(
      int boardSize, int count, SplittableRandom random) {
    List<Features.Position> positions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Game g = new Game(boardSize, Rules.chinese());
      Playout.playOut(g, random, random.nextInt(boardSize * boardSize));
      positions.add(Features.of(g));
    }
    return positions;
  }

  /**
   * Positions evaluated a second with {@code positions} as one batch: one call to warm up, then
   * calls for {@code seconds} (at least one).
   */
  public static double evaluationsPerSecond(
      Network network, List<Features.Position> positions, double seconds) {
    network.evaluate(positions);
    long calls = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (calls == 0 || System.nanoTime() < end) {
      network.evaluate(positions);
      calls++;
    }
    return calls * positions.size() / ((System.nanoTime() - start) / 1e9);
  }
}
