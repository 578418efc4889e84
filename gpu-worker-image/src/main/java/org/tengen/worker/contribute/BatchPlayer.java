package org.tengen.worker.contribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tengen.core.api.TaskApi.Settings;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskApi.UploadTarget;
import org.tengen.core.go.Rules;
import org.tengen.core.selfplay.Variety;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.selfplay.SelfPlay;
import org.tengen.worker.selfplay.SelfPlayRunner;

/**
 * Plays a self-play task's batch: each finished game goes into the {@link UploadQueue} at once, and
 * the batch is sealed at the end (or when the worker stops, with the games finished by then).
 */
final class BatchPlayer {

  private final LoadedNetworks networks;
  private final UploadQueue queue;
  private final ContributeConfig config;
  private final WorkerLog log;
  private final WorkerTotals totals;
  private final Runnable heartbeat;
  private final Runnable betweenMoves;
  private final Supplier<String> status;

  BatchPlayer(
      LoadedNetworks networks,
      UploadQueue queue,
      ContributeConfig config,
      WorkerLog log,
      WorkerTotals totals,
      Runnable heartbeat,
      Runnable betweenMoves,
      Supplier<String> status) {
    this.networks = networks;
    this.queue = queue;
    this.config = config;
    this.log = log;
    this.totals = totals;
    this.heartbeat = heartbeat;
    this.betweenMoves = betweenMoves;
    this.status = status;
  }

  void play(Task task) throws IOException, InterruptedException {
    Settings settings = task.settings();
    UploadTarget upload = task.upload();
    int games = config.gamesPerBatch() > 0 ? config.gamesPerBatch() : settings.gamesPerBatch();
    LoadedNetworks.Loaded net = networks.get(task.network(), settings.boardSize());
    String name = net.network().name().toString();
    totals.currentNetwork = name;
    Path batch =
        queue.open(
            new UploadQueue.Target(
                upload.uploadId(), upload.url(), upload.expiresAt(), task.run(), name));
    int size = settings.boardSize();
    int visits = settings.visits();
    log.info(
        String.format(
            Locale.ROOT,
            "playing %d game(s) of %dx%d at %d visits with %s",
            games,
            size,
            size,
            visits,
            name));
    Rules rules = Rules.parse(settings.rules()).withKomi(settings.komi());
    SelfPlay.Settings play =
        new SelfPlay.Settings(
            size,
            rules,
            SearchParams.selfPlay(visits, search(settings.search(), log)),
            variety(settings.variety(), size, log));
    AtomicInteger index = new AtomicInteger();
    SelfPlayRunner.Progress done =
        SelfPlayRunner.run(
            play,
            name,
            net.evaluator(),
            Math.min(config.maxSimultaneousGames(), games),
            games,
            System.nanoTime(),
            record -> {
              try {
                queue.add(batch, index.incrementAndGet(), record);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              totals.gamesPlayed.incrementAndGet();
            },
            p -> {
              heartbeat.run();
              log.info(
                  String.format(
                      Locale.ROOT,
                      "worker: this batch %d/%d games, %.1f moves/s, %.0f nn evals/s, batch fill"
                          + " %.1f, cache hits %.0f%% | %s",
                      p.games(),
                      games,
                      p.movesPerSecond(),
                      p.evaluationsPerSecond(),
                      p.averageBatch(),
                      100 * Math.max(0, p.cacheHitRate()),
                      status.get()));
            },
            config.progressSeconds(),
            betweenMoves::run);
    UploadQueue.Sealed sealed = queue.seal(batch);
    if (sealed == null) {
      log.info("no game of the batch finished; nothing to upload");
      return;
    }
    totals.batchesPlayed.incrementAndGet();
    log.info(
        String.format(
            Locale.ROOT,
            "batch of %d game(s) done in %.0f s (%.1f moves/s, %.0f nn evals/s, batch fill %.1f,"
                + " cache hits %.0f%%)",
            sealed.games(),
            done.seconds(),
            done.movesPerSecond(),
            done.evaluationsPerSecond(),
            done.averageBatch(),
            100 * Math.max(0, done.cacheHitRate())));
  }

  /**
   * The task's self-play variety; one this worker does not know (a newer backend's) is played as
   * none, which gives valid games all the same.
   */
  /** The task's search settings; unknown ones (a newer backend's) are played as KataGo's. */
  static org.tengen.core.selfplay.SearchSettings search(String text, WorkerLog log) {
    try {
      return org.tengen.core.selfplay.SearchSettings.parse(text);
    } catch (IllegalArgumentException e) {
      log.info("the task's self-play search is unknown here, playing KataGo's: " + e.getMessage());
      return org.tengen.core.selfplay.SearchSettings.KATAGO;
    }
  }

  static Variety variety(String text, int size, WorkerLog log) {
    try {
      return Variety.parse(text == null ? "none" : text, size);
    } catch (IllegalArgumentException e) {
      log.info("the task's self-play variety is unknown here, playing without: " + e.getMessage());
      return Variety.NONE;
    }
  }
}
