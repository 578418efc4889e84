package org.tengen.worker.contribute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tengen.core.api.RatingApi.MatchResultRequest;
import org.tengen.core.api.RatingApi.RatedGame;
import org.tengen.core.api.TaskApi.RatingGame;
import org.tengen.core.api.TaskApi.Settings;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.client.BackendClient;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.worker.match.Match;
import org.tengen.worker.search.SearchParams;

/**
 * Plays a rating task: the candidate against the baseline, each game on its own thread, and writes
 * the games' records (moves and counted result; the backend replays them and counts the outcome
 * itself) to {@code rating-results/<taskId>.json} for the {@link UploadSender} to report, so that
 * they survive a stop between playing and reporting.
 */
final class RatingPlayer {

  private final LoadedNetworks networks;
  private final Path results;
  private final int maxParallelGames;
  private final WorkerLog log;
  private final WorkerTotals totals;

  RatingPlayer(
      LoadedNetworks networks, Path results, int maxParallelGames, WorkerLog log, WorkerTotals t) {
    this.networks = networks;
    this.results = results;
    this.maxParallelGames = maxParallelGames;
    this.log = log;
    this.totals = t;
  }

  void play(Task task) throws IOException, InterruptedException {
    Settings settings = task.settings();
    int size = settings.boardSize();
    LoadedNetworks.Loaded candidate = networks.get(task.network(), size);
    LoadedNetworks.Loaded baseline = networks.get(task.baseline(), size);
    SearchParams params = SearchParams.rating(settings.visits());
    Rules rules = Rules.parse(settings.rules()).withKomi(settings.komi());
    List<RatingGame> games = task.rating().games();
    log.info(
        String.format(
            Locale.ROOT,
            "rating: %d game(s) of %s against %s on %dx%d",
            games.size(),
            candidate.network().name(),
            baseline.network().name(),
            size,
            size));
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(games.size(), maxParallelGames)));
    List<RatedGame> outcomes = new ArrayList<>();
    try {
      List<Future<Game>> futures = new ArrayList<>();
      for (RatingGame g : games) {
        Color color = "B".equals(g.candidateColor()) ? Color.BLACK : Color.WHITE;
        futures.add(
            pool.submit(
                () ->
                    Match.playGame(
                        candidate.evaluator(),
                        baseline.evaluator(),
                        color,
                        size,
                        rules,
                        params,
                        new SplittableRandom(System.nanoTime()))));
      }
      for (int i = 0; i < games.size(); i++) {
        Game played;
        try {
          played = futures.get(i).get();
        } catch (ExecutionException e) {
          throw new IOException("a rating game failed: " + e.getCause(), e.getCause());
        }
        List<String> moves = new ArrayList<>(played.moveCount());
        for (Move m : played.moves()) {
          moves.add(m.toGtp(size));
        }
        outcomes.add(new RatedGame(games.get(i).gameId(), moves, played.result().toString()));
        totals.ratingGames.incrementAndGet();
      }
    } finally {
      pool.shutdownNow();
    }
    MatchResultRequest report =
        new MatchResultRequest(task.run(), task.rating().taskId(), outcomes);
    UploadQueue.writeAtomically(
        results.resolve(task.rating().taskId() + ".json"),
        BackendClient.JSON.writeValueAsBytes(report));
  }

  static Path folder(Path dataDir) throws IOException {
    return Files.createDirectories(dataDir.resolve("rating-results"));
  }
}
