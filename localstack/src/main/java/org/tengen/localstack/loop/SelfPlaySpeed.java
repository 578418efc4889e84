package org.tengen.localstack.loop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One worker's self-play over a run, read from the batch lines its {@code worker.out} gained during
 * the run (the file is appended to by every run on the folder, so the run's part starts at the size
 * the file had when it began).
 *
 * @param worker the worker's name
 * @param batches batches finished in the run
 * @param games games in them
 * @param seconds the batches' wall-clock seconds, summed
 * @param moves the moves played in them
 * @param evaluations the network evaluations they asked for
 * @param meanBatchFill the positions per network call, averaged over the batches
 */
record SelfPlaySpeed(
    String worker,
    int batches,
    long games,
    double seconds,
    double moves,
    double evaluations,
    double meanBatchFill) {

  /** The worker's line at the end of a batch (BatchPlayer writes it). */
  private static final Pattern BATCH =
      Pattern.compile(
          "batch of (\\d+) game\\(s\\) done in (\\d+) s \\(([\\d.]+) moves/s, (\\d+) nn evals/s,"
              + " batch fill ([\\d.]+)");

  /** The size of {@code log} now (0 if it does not exist): where a run's lines will start. */
  static long mark(Path log) throws IOException {
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /** What {@code log} says from byte {@code from} on; a worker that finished no batch has 0. */
  static SelfPlaySpeed read(String worker, Path log, long from) throws IOException {
    int batches = 0;
    long games = 0;
    double seconds = 0;
    double moves = 0;
    double evaluations = 0;
    double fill = 0;
    if (Files.exists(log)) {
      try (InputStream in = Files.newInputStream(log)) {
        in.skipNBytes(Math.min(from, Files.size(log)));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          Matcher m = BATCH.matcher(line);
          if (m.find()) {
            double s = Double.parseDouble(m.group(2));
            batches++;
            games += Long.parseLong(m.group(1));
            seconds += s;
            moves += s * Double.parseDouble(m.group(3));
            evaluations += s * Double.parseDouble(m.group(4));
            fill += Double.parseDouble(m.group(5));
          }
        }
      }
    }
    return new SelfPlaySpeed(
        worker, batches, games, seconds, moves, evaluations, batches == 0 ? 0 : fill / batches);
  }

  double movesPerSecond() {
    return seconds == 0 ? 0 : moves / seconds;
  }

  double evaluationsPerSecond() {
    return seconds == 0 ? 0 : evaluations / seconds;
  }

  /** For the run's summary. */
  String line() {
    if (batches == 0) {
      return "  " + worker + ": no batch finished this run";
    }
    return String.format(
        Locale.ROOT,
        "  %s: %d batches, %,d games, %.0f moves/s, %,.0f nn evals/s, %.1f positions per network"
            + " call",
        worker,
        batches,
        games,
        movesPerSecond(),
        evaluationsPerSecond(),
        meanBatchFill);
  }
}
