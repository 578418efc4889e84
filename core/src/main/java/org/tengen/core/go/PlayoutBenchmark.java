package org.tengen.core.go;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random playouts per second on one thread, as in the reference figures: uniformly random
 * legal moves that do not fill the mover's own eye-like points, until two passes.
 *
 * <ul>
 *   <li>{@code board}: the bare {@link Board}, simple ko, suicide illegal, no scoring;
 *   <li>{@code rules}: a {@link Game} under Tromp-Taylor rules (positional superko checked on every
 *       candidate move, history hashes kept) and the area count at the end;
 *   <li>{@code chinese}: the same under Chinese rules, whose count runs Benson's algorithm to
 *       remove dead stones.
 * </ul>
 *
 * Each figure is the mean and standard deviation over measured rounds after a warm-up.
 */
public final class PlayoutBenchmark {

  /** One measured configuration. */
  public record Figure(
      String layer,
      int size,
      double playoutsPerSecond,
      double playoutsStdev,
      double movesPerSecond,
      double movesPerPlayout) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-8s %2dx%-2d %,10.0f ± %,6.0f playouts/s  %,12.0f moves/s  %6.1f moves/playout",
          layer,
          size,
          size,
          playoutsPerSecond,
          playoutsStdev,
          movesPerSecond,
          movesPerPlayout);
    }
  }

  private PlayoutBenchmark() {}

  private static long sink;

  /** Plays one board-level playout; returns the moves played (passes included). */
  static int boardPlayout(Board empty, Board board, SplittableRandom random, int[] scratch) {
    board.copyFrom(empty);
    byte pla = Board.BLACK;
    int passes = 0;
    int moves = 0;
    int cap = 3 * empty.size() * empty.size();
    while (passes < 2 && moves < cap) {
      int loc = Playout.randomMove(board, pla, random, scratch);
      if (loc == Board.NONE) {
        board.pass();
        passes++;
      } else {
        board.playAssumeLegal(loc, pla);
        passes = 0;
      }
      moves++;
      pla = (byte) (3 - pla);
    }
    return moves;
  }

  /** Plays one playout under the rules and counts the result; returns the moves played. */
  static int rulesPlayout(int size, Rules rules, SplittableRandom random, int[] scratch) {
    Game game = new Game(size, rules);
    int cap = 3 * size * size;
    int moves = 0;
    while (!game.isOver() && moves < cap) {
      game.playAssumeLegal(Playout.randomMove(game, random, scratch));
      moves++;
    }
    sink += (long) game.score().blackMargin();
    return moves;
  }

  private static long run(String layer, int size, SplittableRandom random, long nanos, long[] out) {
    int[] scratch = new int[size * size];
    Board empty = new Board(size);
    Board board = new Board(size);
    long playouts = 0;
    long moves = 0;
    long start = System.nanoTime();
    long end = start + nanos;
    long now;
    do {
      for (int i = 0; i < 16; i++) {
        moves +=
            switch (layer) {
              case "board" -> boardPlayout(empty, board, random, scratch);
              case "rules" -> rulesPlayout(size, Rules.trompTaylor(), random, scratch);
              case "chinese" -> rulesPlayout(size, Rules.chinese(), random, scratch);
              default -> throw new IllegalArgumentException("unknown layer " + layer);
            };
        playouts++;
      }
      now = System.nanoTime();
    } while (now < end);
    out[0] = playouts;
    out[1] = moves;
    return now - start;
  }

  /** Measures one configuration: warm-up, then {@code rounds} rounds of {@code seconds} each. */
  public static Figure measure(
      String layer, int size, double warmupSeconds, int rounds, double seconds) {
    SplittableRandom random = new SplittableRandom(20261124L + size);
    long[] counts = new long[2];
    run(layer, size, random, (long) (warmupSeconds * 1e9), counts);
    double[] rates = new double[rounds];
    long totalMoves = 0;
    long totalPlayouts = 0;
    double totalSeconds = 0;
    for (int r = 0; r < rounds; r++) {
      long elapsed = run(layer, size, random, (long) (seconds * 1e9), counts);
      double s = elapsed / 1e9;
      rates[r] = counts[0] / s;
      totalPlayouts += counts[0];
      totalMoves += counts[1];
      totalSeconds += s;
    }
    double mean = 0;
    for (double x : rates) {
      mean += x / rounds;
    }
    double var = 0;
    for (double x : rates) {
      var += (x - mean) * (x - mean) / Math.max(1, rounds - 1);
    }
    return new Figure(
        layer,
        size,
        mean,
        Math.sqrt(var),
        totalMoves / totalSeconds,
        (double) totalMoves / totalPlayouts);
  }

  /** Prints every configuration; args: [rounds] [secondsPerRound]. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    System.out.printf(
        Locale.ROOT,
        "Random playouts, one thread, %d rounds of %.1f s after warm-up (%s, %s)%n",
        rounds,
        seconds,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    for (String layer : new String[] {"board", "rules", "chinese"}) {
      for (int size : new int[] {9, 19}) {
        System.out.println(measure(layer, size, Math.max(2, seconds), rounds, seconds));
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
