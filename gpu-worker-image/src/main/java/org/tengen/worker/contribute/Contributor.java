package org.tengen.worker.contribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.tengen.core.go.Color;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.match.Match;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.selfplay.SelfPlay;
import org.tengen.worker.selfplay.SelfPlayRunner;

/**
 * The contribute loop: ask for a task, fetch its network, play the batch (or the rating games),
 * upload, confirm, print the verdict, again. Finished games are on disk before anything is sent
 * ({@link UploadQueue}); the backend is retried with backoff and jitter; {@link #stop} (SIGTERM,
 * {@code quit}) ends the loop at the next move, seals the finished games and tries a last upload.
 */
public final class Contributor {

  /** Loads a network for a device and runs its self-test; refuses one that fails it. */
  public interface Loader {
    Network load(Path file, String sha256, String device) throws IOException;
  }

  private record Loaded(Network network, BatchedEvaluator evaluator) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final ContributeConfig config;
  private final WorkerLog log;
  private final Loader loader;
  private final ServerApi api;
  private final UploadQueue queue;
  private final NetworkCache cache;
  private final Path results;
  private final Backoff idle;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Object pauseLock = new Object();
  private volatile boolean paused;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();

  private final AtomicLong gamesPlayed = new AtomicLong();
  private final AtomicInteger batchesPlayed = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger ratingGames = new AtomicInteger();
  private volatile String currentNetwork = "-";
  private volatile long lastHeartbeat;

  /** Touched while the loop lives (playing, uploading, waiting): the container's health check. */
  public static final String HEARTBEAT = "heartbeat";

  public Contributor(ContributeConfig config, WorkerLog log, Loader loader) throws IOException {
    this.config = config;
    this.log = log;
    this.loader = loader;
    long seed = System.nanoTime();
    this.api =
        new ServerApi(
            config.serverUrl(),
            config.contributorKey(),
            new Backoff(Duration.ofSeconds(1), MAX_WAIT, seed),
            stopping::get,
            log);
    this.queue = new UploadQueue(config.dataDir().resolve("queue"));
    this.cache =
        new NetworkCache(config.dataDir().resolve("networks"), api, config.keepNetworks(), log);
    this.results = Files.createDirectories(config.dataDir().resolve("rating-results"));
    this.idle = new Backoff(Duration.ofSeconds(5), MAX_WAIT, seed + 1);
  }

  /** Ends the loop soon: no new game starts, games in progress end at their next move. */
  public void stop(String why) {
    if (stopping.compareAndSet(false, true)) {
      log.info("stopping (" + why + "): finished games are kept and uploaded when possible");
      synchronized (pauseLock) {
        paused = false;
        pauseLock.notifyAll();
      }
    }
  }

  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void pause() {
    paused = true;
    log.info("paused: games wait at their next move; type resume to go on");
  }

  public void resume() {
    synchronized (pauseLock) {
      paused = false;
      pauseLock.notifyAll();
    }
    log.info("resumed");
  }

  /** Reads pause, resume, quit and status lines from the terminal (a daemon thread). */
  public void listen(InputStream in) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  switch (line.strip().toLowerCase(Locale.ROOT)) {
                    case "pause" -> pause();
                    case "resume" -> resume();
                    case "quit", "exit" -> stop("quit typed");
                    case "status" -> log.info(status());
                    case "" -> {}
                    default -> log.info("commands: pause, resume, quit, status");
                  }
                }
              } catch (IOException e) {
                // no terminal: nothing to listen to
              }
            },
            "worker-commands");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Runs until stopped or until {@code maxBatches} batches are played; returns the exit code. With
   * {@code drainOnly}, uploads what the queue holds and returns.
   */
  public int run(boolean drainOnly) {
    try {
      config.warnings().forEach(log::warn);
      int recovered = queue.recover();
      if (recovered > 0) {
        log.info("recovered " + recovered + " batch(es) cut short by the last stop");
      }
      JsonNode me = api.call("whoami", Map.of(), 1000);
      String who = me.path("contributor").asText();
      if (!who.equals(config.username())) {
        log.warn("the key belongs to '" + who + "', not username '" + config.username() + "'");
      }
      log.info("contributing to run " + config.run() + " at " + config.serverUrl() + " as " + who);
      drain(8);
      if (drainOnly) {
        int left = queue.sealed().size();
        log.info(left == 0 ? "queue empty" : left + " batch(es) still queued");
        return left == 0 ? 0 : 1;
      }
      int waits = 0;
      while (!stopping.get()) {
        heartbeat();
        awaitUnpaused();
        if (config.maxBatches() > 0 && batchesPlayed.get() >= config.maxBatches()) {
          log.info("played " + batchesPlayed.get() + " batch(es), as maxBatches asks");
          break;
        }
        if (queue.sealed().size() >= config.maxQueuedBatches()) {
          Duration wait = idle.delay(waits++);
          log.warn(
              "upload queue full ("
                  + config.maxQueuedBatches()
                  + " batches); not playing until it drains; next try in "
                  + wait.toSeconds()
                  + " s");
          api.sleep(wait);
          drain(8);
          continue;
        }
        JsonNode task;
        try {
          Map<String, Object> ask = new LinkedHashMap<>();
          ask.put("run", config.run());
          ask.put("prefer", config.preferredKind());
          task = api.call("nextTask", ask, Integer.MAX_VALUE);
        } catch (ServerApi.ApiError e) {
          if (e.status() == 401 || e.status() == 403) {
            log.error("the backend refuses this worker: " + e.getMessage());
            return 1;
          }
          Duration wait = idle.delay(waits++);
          log.warn("no work: " + e.getMessage() + "; asking again in " + wait.toSeconds() + " s");
          api.sleep(wait);
          continue;
        }
        waits = 0;
        if ("rating".equals(task.path("kind").asText())) {
          playRating(task);
          batchesPlayed.incrementAndGet(); // a rating task counts as a batch for maxBatches
        } else {
          playSelfPlay(task);
        }
        drain(8);
      }
      if (stopping.get()) {
        drain(1);
      }
      return 0;
    } catch (ServerApi.Unavailable e) {
      if (stopping.get()) {
        return 0;
      }
      log.error(e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (IOException | RuntimeException e) {
      log.error(e.toString());
      return 1;
    } finally {
      for (Loaded l : loaded.values()) {
        l.evaluator().close();
        l.network().close();
      }
      loaded.clear();
      finished.countDown();
    }
  }

  private void playSelfPlay(JsonNode task) throws IOException, InterruptedException {
    JsonNode settings = task.get("settings");
    JsonNode upload = task.get("upload");
    int games =
        config.gamesPerBatch() > 0 ? config.gamesPerBatch() : settings.get("gamesPerBatch").asInt();
    Loaded net = network(task.get("network"));
    String name = net.network().name().toString();
    currentNetwork = name;
    UploadQueue.Target target =
        new UploadQueue.Target(
            upload.get("uploadId").asText(),
            upload.get("url").asText(),
            upload.get("expiresAt").asText(),
            task.get("run").asText(),
            name);
    Path batch = queue.open(target);
    int size = settings.get("boardSize").asInt();
    int visits = settings.get("visits").asInt();
    log.info(
        String.format(
            Locale.ROOT,
            "playing %d game(s) of %dx%d at %d visits with %s",
            games,
            size,
            size,
            visits,
            name));
    SelfPlay.Settings play =
        new SelfPlay.Settings(size, rules(settings), SearchParams.selfPlay(visits));
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
                throw new java.io.UncheckedIOException(e);
              }
              gamesPlayed.incrementAndGet();
            },
            p -> {
              heartbeat();
              log.info(
                  String.format(
                      Locale.ROOT,
                      "worker: this batch %d/%d games, %.1f moves/s, %.0f nn evals/s, batch fill"
                          + " %.1f | %s",
                      p.games(),
                      games,
                      p.movesPerSecond(),
                      p.evaluationsPerSecond(),
                      p.averageBatch(),
                      status()));
            },
            config.progressSeconds(),
            this::betweenMoves);
    UploadQueue.Sealed sealed = queue.seal(batch);
    if (sealed == null) {
      log.info("no game of the batch finished; nothing to upload");
      return;
    }
    batchesPlayed.incrementAndGet();
    log.info(
        String.format(
            Locale.ROOT,
            "batch of %d game(s) done in %.0f s (%.1f moves/s, %.0f nn evals/s, batch fill %.1f)",
            sealed.games(),
            done.seconds(),
            done.movesPerSecond(),
            done.evaluationsPerSecond(),
            done.averageBatch()));
  }

  private void playRating(JsonNode task) throws IOException, InterruptedException {
    JsonNode settings = task.get("settings");
    JsonNode rating = task.get("rating");
    Loaded candidate = network(task.get("network"));
    Loaded baseline = network(task.get("baseline"));
    int size = settings.get("boardSize").asInt();
    SearchParams params = SearchParams.rating(settings.get("visits").asInt());
    Rules rules = rules(settings);
    List<JsonNode> games = new ArrayList<>();
    rating.get("games").forEach(games::add);
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
        Executors.newFixedThreadPool(Math.max(1, Math.min(games.size(), config.maxRatingGames())));
    List<Map<String, String>> outcomes = new ArrayList<>();
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (JsonNode g : games) {
        Color color = "B".equals(g.get("candidateColor").asText()) ? Color.BLACK : Color.WHITE;
        futures.add(
            pool.submit(
                () ->
                    Match.playOne(
                        candidate.evaluator(),
                        baseline.evaluator(),
                        color,
                        size,
                        rules,
                        params,
                        new java.util.SplittableRandom(System.nanoTime()))));
      }
      for (int i = 0; i < games.size(); i++) {
        int v;
        try {
          v = futures.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("a rating game failed: " + e.getCause(), e.getCause());
        }
        outcomes.add(
            Map.of(
                "gameId",
                games.get(i).get("gameId").asText(),
                "outcome",
                v > 0 ? "win" : v < 0 ? "loss" : "draw"));
        ratingGames.incrementAndGet();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("run", task.get("run").asText());
    report.put("taskId", rating.get("taskId").asText());
    report.put("games", outcomes);
    UploadQueue.writeAtomically(
        results.resolve(rating.get("taskId").asText() + ".json"), JSON.writeValueAsBytes(report));
  }

  /** Uploads every sealed batch and reports every rating result it can; true if none is left. */
  boolean drain(int attempts) throws IOException, InterruptedException {
    try {
      for (UploadQueue.Sealed s : queue.sealed()) {
        send(s, attempts);
      }
      List<Path> pending;
      try (Stream<Path> files = Files.list(results)) {
        pending = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      for (Path p : pending) {
        JsonNode report = JSON.readTree(p.toFile());
        try {
          JsonNode d = api.call("recordMatchResult", report, attempts);
          log.info(
              String.format(
                  Locale.ROOT,
                  "rating results taken: %s now %d-%d-%d against %s (%s)",
                  d.path("candidate").asText(),
                  d.path("wins").asLong(),
                  d.path("losses").asLong(),
                  d.path("draws").asLong(),
                  d.path("baseline").asText(),
                  d.path("outcome").asText()));
        } catch (ServerApi.ApiError e) {
          log.warn("rating results refused, dropped: " + e.getMessage());
        }
        Files.deleteIfExists(p);
      }
      return true;
    } catch (ServerApi.Unavailable e) {
      log.warn("the backend is unavailable (" + e.getMessage() + "); uploads stay queued");
      return false;
    }
  }

  private void send(UploadQueue.Sealed s, int attempts) throws IOException, InterruptedException {
    String id = s.target().uploadId();
    boolean finishedAlready = false;
    if (s.target().expiresBefore(Instant.now().plusSeconds(60))) {
      try {
        s = renew(s, attempts);
      } catch (ServerApi.ApiError e) {
        if (!"UPLOAD_FINISHED".equals(e.code())) {
          setAside(s, e);
          return;
        }
        finishedAlready = true; // confirmed before the last stop: the confirm below tells how
      }
    }
    if (!finishedAlready) {
      byte[] bytes = Files.readAllBytes(s.batch());
      try {
        api.put(URI.create(s.target().url()), bytes, attempts);
      } catch (ServerApi.ApiError e) {
        s = renew(s, attempts); // an expired or refused URL: once more with a fresh one
        api.put(URI.create(s.target().url()), bytes, attempts);
      }
    }
    JsonNode verdict;
    try {
      verdict = api.call("confirmUpload", Map.of("uploadId", id), attempts);
    } catch (ServerApi.ApiError e) {
      if ("UPLOAD_MISSING".equals(e.code())) {
        api.put(URI.create(s.target().url()), Files.readAllBytes(s.batch()), attempts);
        verdict = api.call("confirmUpload", Map.of("uploadId", id), attempts);
      } else {
        setAside(s, e);
        return;
      }
    }
    String outcome = verdict.path("outcome").asText();
    switch (outcome) {
      case "ACCEPTED" -> {
        accepted.incrementAndGet();
        log.info(
            "upload "
                + id
                + ": accepted as "
                + verdict.path("shard").asText()
                + " ("
                + verdict.path("games").asInt()
                + " games, "
                + verdict.path("positions").asInt()
                + " positions)"
                + (verdict.path("repeated").asBoolean() ? ", confirmed before" : ""));
      }
      case "DUPLICATE" -> {
        duplicates.incrementAndGet();
        log.warn(
            "upload "
                + id
                + ": the same games were uploaded before as "
                + verdict.path("duplicateOf").asText());
      }
      default -> {
        rejected.incrementAndGet();
        List<String> reasons = new ArrayList<>();
        verdict
            .path("reasons")
            .forEach(
                r ->
                    reasons.add(
                        r.path("code").asText()
                            + " at "
                            + r.path("path").asText()
                            + ": "
                            + r.path("message").asText()));
        log.error(
            "upload "
                + id
                + ": "
                + outcome
                + (reasons.isEmpty() ? "" : "\n  " + String.join("\n  ", reasons)));
      }
    }
    queue.done(s);
  }

  private UploadQueue.Sealed renew(UploadQueue.Sealed s, int attempts)
      throws IOException, InterruptedException {
    JsonNode t = api.call("renewUpload", Map.of("uploadId", s.target().uploadId()), attempts);
    UploadQueue.Target old = s.target();
    return queue.retarget(
        s,
        new UploadQueue.Target(
            old.uploadId(),
            t.get("url").asText(),
            t.get("expiresAt").asText(),
            old.run(),
            old.network()));
  }

  private void setAside(UploadQueue.Sealed s, ServerApi.ApiError e) throws IOException {
    Path to = queue.setAside(s);
    log.error(
        "upload "
            + s.target().uploadId()
            + " refused for good ("
            + e.getMessage()
            + "); kept in "
            + to);
  }

  private Loaded network(JsonNode ref) throws IOException, InterruptedException {
    String name = ref.get("name").asText();
    Loaded l = loaded.get(name);
    if (l != null) {
      return l;
    }
    Path file =
        cache.get(
            name,
            URI.create(ref.get("url").asText()),
            ref.get("bytes").asLong(),
            ref.get("sha256").asText());
    // Two networks at most stay loaded: a rating task's pair, or the self-play network.
    while (loaded.size() >= 2) {
      String oldest = loaded.keySet().iterator().next();
      Loaded gone = loaded.remove(oldest);
      gone.evaluator().close();
      gone.network().close();
    }
    Network network = loader.load(file, ref.get("sha256").asText(), config.device());
    BatchedEvaluator evaluator =
        new BatchedEvaluator(
            network,
            config.nnMaxBatchSize(),
            config.numNNServerThreadsPerModel(),
            true,
            System.nanoTime());
    l = new Loaded(network, evaluator);
    loaded.put(name, l);
    return l;
  }

  private static Rules rules(JsonNode settings) {
    return Rules.parse(settings.get("rules").asText()).withKomi(settings.get("komi").asDouble());
  }

  private void betweenMoves() {
    heartbeat();
    if (stopping.get()) {
      throw new SelfPlayRunner.GameAbandoned();
    }
    awaitUnpausedUninterruptibly();
  }

  /** Touches the heartbeat file, at most every 10 s. */
  private void heartbeat() {
    long now = System.nanoTime();
    if (now - lastHeartbeat < 10_000_000_000L && lastHeartbeat != 0) {
      return;
    }
    lastHeartbeat = now;
    Path file = config.dataDir().resolve(HEARTBEAT);
    try {
      Files.writeString(file, Instant.now().toString());
    } catch (IOException e) {
      log.warn("cannot write " + file + ": " + e.getMessage());
    }
  }

  private void awaitUnpaused() throws InterruptedException {
    synchronized (pauseLock) {
      while (paused && !stopping.get()) {
        pauseLock.wait(1000);
      }
    }
  }

  private void awaitUnpausedUninterruptibly() {
    try {
      awaitUnpaused();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SelfPlayRunner.GameAbandoned();
    }
    if (stopping.get()) {
      throw new SelfPlayRunner.GameAbandoned();
    }
  }

  /** Totals since the start, for the progress line. */
  public String status() {
    int queued;
    try {
      queued = queue.sealed().size();
    } catch (IOException e) {
      queued = -1;
    }
    return String.format(
        Locale.ROOT,
        "network %s | played %d games in %d batches, %d rating games | uploads %d accepted, %d"
            + " rejected, %d duplicate, %d queued%s",
        currentNetwork,
        gamesPlayed.get(),
        batchesPlayed.get(),
        ratingGames.get(),
        accepted.get(),
        rejected.get(),
        duplicates.get(),
        queued,
        paused ? " | PAUSED" : "");
  }
}
