package org.tengen.localstack.loop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    double samplesPerPosition,
    int maxTrainSteps,
    boolean pace,
    double emaDecay,
    int warmupSteps,
    double policySurprise,
    Map<String, String> training,
    int ratingGames,
    String gate,
    String variety,
    String search,
    String curriculum,
    Duration duration) {

  /** The training jobs' batch size. */
  static final int BATCH = 64;

  /**
   * The training hyperparameters {@code --train} may set; the loop sets the others itself (the run,
   * steps, data, storage, seeds), or has an option of its own for them.
   */
  static final Set<String> TRAINING_KEYS =
      Set.of(
          "loss",
          "opponent_policy_weight",
          "learning_rate",
          "lr_halving_steps",
          "window_rows",
          "window",
          "holdout_percent",
          "carry_optimizer",
          "device");

  LoopOptions {
    if (workers < 1 || visits < 1 || gamesPerBatch < 1 || trainEvery < 1) {
      throw new IllegalArgumentException(
          "--workers, --visits, --games-per-batch, --train-every: at least 1");
    }
    if (!(emaDecay == 0 || (emaDecay >= 0.5 && emaDecay < 1))) {
      throw new IllegalArgumentException("--ema-decay: 0 (off) or from 0.5 to below 1");
    }
    if (!(policySurprise >= 0 && policySurprise <= 1)) {
      throw new IllegalArgumentException("--policy-surprise: from 0 (off) to 1");
    }
    training = Map.copyOf(training);
    for (var e : training.entrySet()) {
      if (!TRAINING_KEYS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "--train: '" + e.getKey() + "' is not one of " + new TreeSet<>(TRAINING_KEYS));
      }
      if (!e.getValue().matches("[A-Za-z0-9._()-]{1,40}")) {
        throw new IllegalArgumentException(
            "--train: " + e.getKey() + "='" + e.getValue() + "' is not a plain value");
      }
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("--warmup-steps: 0 (none) or more");
    }
    if (maxTrainSteps < 50) {
      throw new IllegalArgumentException("--max-train-steps: at least 50");
    }
    if (trainSteps < 0) {
      throw new IllegalArgumentException("--train-steps: 0 (from --samples-per-position) or more");
    }
    if (!(samplesPerPosition > 0 && samplesPerPosition <= 100)) {
      throw new IllegalArgumentException("--samples-per-position: above 0, at most 100");
    }
    if (!java.util.List.of("seed", "always", "notworse").contains(gate)) {
      throw new IllegalArgumentException("--gate is seed, always or notworse, not '" + gate + "'");
    }
    try {
      org.tengen.core.selfplay.Variety.parse(variety, 9);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--variety: " + e.getMessage(), e);
    }
    try {
      org.tengen.core.selfplay.SearchSettings.parse(search);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--search: " + e.getMessage(), e);
    }
    if (curriculum != null) {
      org.tengen.core.curriculum.Curriculum parsed;
      try {
        parsed = org.tengen.core.curriculum.Curriculum.parse(curriculum);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--curriculum: " + e.getMessage(), e);
      }
      for (var stage : parsed.stages()) {
        if (stage.boardSizes().stream().anyMatch(boardSize -> boardSize < 7)) {
          throw new IllegalArgumentException(
              "--curriculum: boards from 7x7 up (uploads refuse smaller ones)");
        }
      }
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

  /**
   * The run's curriculum: {@code --curriculum} as given, else the one stage of {@code --size} at
   * {@code --visits}.
   */
  String curriculumText() {
    return curriculum != null ? curriculum : "*:" + size + ":" + visits;
  }

  /**
   * The steps of a training job on {@code newPositions} positions that came in since the last one:
   * {@code --train-steps} when given, else {@code --samples-per-position} samples for each new
   * position (KataGo trains 4 to 8), at least 50 steps and at most {@code --max-train-steps}: on a
   * machine whose self-play outruns its trainer, a job that kept the ratio would grow without end
   * (each one longer than the last, and the network would change once an hour), so the cap keeps
   * new networks coming and the ratio falls instead.
   */
  int stepsFor(long newPositions) {
    if (trainSteps > 0) {
      return trainSteps;
    }
    long steps = Math.round(samplesPerPosition * newPositions / BATCH);
    return (int) Math.max(50, Math.min(maxTrainSteps, steps));
  }

  /**
   * The pacing of self-play: with {@code --pace on}, the new positions that one job of at most
   * {@code --max-train-steps} (or {@code --train-steps}) trains {@code --samples-per-position}
   * times; the workers are paused while a job runs and that many wait for the next one.
   */
  SelfPlayPace selfPlayPace() {
    if (!pace) {
      return new SelfPlayPace(0);
    }
    int steps = trainSteps > 0 ? trainSteps : maxTrainSteps;
    return new SelfPlayPace(Math.max(1, Math.round(steps * (double) BATCH / samplesPerPosition)));
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
