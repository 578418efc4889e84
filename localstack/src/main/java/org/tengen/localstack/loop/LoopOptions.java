package org.tengen.localstack.loop;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local loop's settings, checked: the repository (for the built programs), the data folder with
 * all state, the workers, the run's board, first network and visits, the trainer's schedule, the
 * candidate's rating games, and how long to run.
 */
record LoopOptions(
    Path root,
    Path data,
    int workers,
    int size,
    String net,
    int visits,
    int gamesPerBatch,
    long trainEvery,
    int trainSteps,
    int ratingGames,
    Duration duration) {

  LoopOptions {
    if (workers < 1 || visits < 1 || gamesPerBatch < 1 || trainSteps < 1 || trainEvery < 1) {
      throw new IllegalArgumentException(
          "--workers, --visits, --games-per-batch, --train-every, --train-steps: at least 1");
    }
    if (size != 9 && size != 13 && size != 19) {
      throw new IllegalArgumentException("--size is 9, 13 or 19, not " + size);
    }
    if (ratingGames < 2) {
      throw new IllegalArgumentException("--rating-games: at least 2");
    }
    if (!net.matches("b\\d{1,2}c\\d{1,4}")) {
      throw new IllegalArgumentException("--net is like b2c32, not '" + net + "'");
    }
  }

  /** A duration as 90s, 30m or 2h. */
  static Duration duration(String text) {
    var m = java.util.regex.Pattern.compile("(\\d{1,6})([smh])").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--duration is like 90s, 30m or 2h, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
