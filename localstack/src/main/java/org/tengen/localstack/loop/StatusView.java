package org.tengen.localstack.loop;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.Totals;

/**
 * What the loop shows: the status block (workers, games per minute, uploads, the trainer, the
 * candidate's rating games, the last decision), redrawn in place on a terminal, and the summary at
 * the end.
 */
final class StatusView {

  private int blockLines;

  /** What the block shows besides the run's stats. */
  record Loop(
      Duration elapsed,
      int workersAlive,
      int workers,
      long gamesAtStart,
      String trainer,
      int ratingGames) {}

  static List<String> block(Stats s, Loop l) {
    Totals t = s.totals();
    double minutes = Math.max(1, l.elapsed().toSeconds()) / 60.0;
    return List.of(
        String.format(
            Locale.ROOT,
            "[%s] %d/%d workers | network %s",
            clock(l.elapsed()),
            l.workersAlive(),
            l.workers(),
            s.currentNetwork()),
        String.format(
            Locale.ROOT,
            "  games %,d (%.0f/min this run) | positions %,d | uploads %d accepted, %d"
                + " rejected | shards %d",
            t.games(),
            (t.games() - l.gamesAtStart()) / minutes,
            t.positions(),
            t.accepted(),
            t.rejected(),
            t.shards()),
        "  trainer: " + l.trainer() + rating(s, l.ratingGames()),
        "  last decision: " + lastDecision(s));
  }

  private static String lastDecision(Stats s) {
    for (NetworkStats n : s.networks()) {
      if (n.decision() != null && n.status() != NetworkStatus.CANDIDATE && n.elo() != null) {
        return String.format(
            Locale.ROOT,
            "%s %s (Elo %+.0f over %s, %d/%d/%d)",
            n.name(),
            n.status(),
            n.elo(),
            n.decidedAgainst(),
            n.ratingWins(),
            n.ratingLosses(),
            n.ratingDraws());
      }
    }
    return "none yet";
  }

  private static String rating(Stats s, int ratingGames) {
    String rating = "";
    for (NetworkStats n : s.networks()) {
      if (n.status() == NetworkStatus.CANDIDATE && n.enabled()) {
        rating =
            String.format(
                Locale.ROOT,
                "; rating %s: %d/%d/%d of %d games",
                n.name(),
                n.ratingWins(),
                n.ratingLosses(),
                n.ratingDraws(),
                ratingGames);
      }
    }
    return rating;
  }

  /** Prints the block; on a terminal over the last one, in a log after it. */
  void show(List<String> block) {
    if (System.console() != null && blockLines > 0) {
      System.out.print("\033[" + blockLines + "A\033[J");
    }
    block.forEach(System.out::println);
    blockLines = block.size();
  }

  /** Something else was printed: the next block starts below it. */
  void interrupted() {
    blockLines = 0;
  }

  /** The end: totals, every network with its decision and Elo, how many were released. */
  static List<String> summary(Stats s, Duration elapsed, int trainings) {
    Totals t = s.totals();
    List<String> lines = new java.util.ArrayList<>();
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "local loop: %s; %,d games, %,d positions, %d shards; %d training job(s) this time",
            clock(elapsed),
            t.games(),
            t.positions(),
            t.shards(),
            trainings));
    long samples = newestSamples(s);
    if (samples > 0 && t.positions() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "training: the newest network has seen %,d samples, %.2f per position stored",
              samples,
              (double) samples / t.positions()));
    }
    long released = 0;
    for (NetworkStats n : s.networks()) {
      released += n.status() == NetworkStatus.RELEASED ? 1 : 0;
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-34s %-9s %s%s",
              n.name(),
              n.status(),
              n.elo() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "Elo %+.0f (%+.0f .. %+.0f) over %s in %d games",
                      n.elo(),
                      n.eloLower(),
                      n.eloUpper(),
                      n.decidedAgainst(),
                      n.ratingWins() + n.ratingLosses() + n.ratingDraws()),
              n.ratingElo() == null
                  ? ""
                  : String.format(Locale.ROOT, "; %+.0f over the first", n.ratingElo())));
    }
    lines.add(
        String.format(Locale.ROOT, "%d network(s) released of %d", released, s.networks().size()));
    return lines;
  }

  /** The most samples any of the run's networks was trained on. */
  static long newestSamples(Stats s) {
    return s.networks().stream().mapToLong(NetworkStats::samples).max().orElse(0);
  }

  static String clock(Duration d) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
