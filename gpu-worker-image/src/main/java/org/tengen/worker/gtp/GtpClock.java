package org.tengen.worker.gtp;

import org.tengen.core.go.Color;

/**
 * The game's clock as the controller describes it ({@code time_settings}, {@code
 * kgs-time_settings}, {@code time_left}), and the seconds the search may spend on a move.
 */
final class GtpClock {

  private double mainTime = -1;
  private double byoYomiTime;
  private int byoYomiStones;
  private final double[] timeLeft = {-1, -1};
  private final int[] stonesLeft = {0, 0};

  /** GTP's time_settings: main time, then byo-yomi periods of a time for some stones (Canadian). */
  void set(double main, double byoYomi, int stones) throws GtpError {
    if (main < 0 || byoYomi < 0 || stones < 0) {
      throw new GtpError("syntax error: times and stones cannot be negative");
    }
    mainTime = main;
    byoYomiTime = byoYomi;
    byoYomiStones = stones;
    timeLeft[0] = timeLeft[1] = main;
    stonesLeft[0] = stonesLeft[1] = 0;
  }

  /** No clock: every move gets the full search. */
  void clear() {
    mainTime = -1;
    timeLeft[0] = timeLeft[1] = -1;
  }

  void left(Color color, double seconds, int stones) throws GtpError {
    if (seconds < 0 || stones < 0) {
      throw new GtpError("syntax error: time and stones left cannot be negative");
    }
    timeLeft[color.ordinal()] = seconds;
    stonesLeft[color.ordinal()] = stones;
  }

  /** Seconds to spend on this move; 0 when there is no limit. */
  double secondsForMove(Color color, int size, int moveCount) {
    double left = timeLeft[color.ordinal()];
    if (mainTime < 0 || left < 0) {
      return 0;
    }
    int stones = stonesLeft[color.ordinal()];
    if (stones > 0) {
      return Math.max(0.05, 0.8 * left / stones); // byo-yomi: share the period's time
    }
    if (mainTime == 0 && byoYomiStones == 0) {
      return 0; // no time limit
    }
    int area = size * size;
    int movesLeft = Math.max(10, (int) (0.4 * area) - moveCount / 2);
    return Math.max(0.05, 0.9 * left / movesLeft + 0.5 * byoYomiTime / Math.max(1, byoYomiStones));
  }
}
