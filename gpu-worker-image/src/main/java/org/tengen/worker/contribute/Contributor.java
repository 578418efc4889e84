package org.tengen.worker.contribute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.IdentityApi.WhoamiRequest;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskKind;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import org.tengen.worker.selfplay.SelfPlayRunner;

/**
 * The contribute loop: ask for a task, play it ({@link BatchPlayer} for self-play, {@link
 * RatingPlayer} for rating games), hand the result to the {@link UploadSender}, again. Finished
 * games are on disk before anything is sent ({@link UploadQueue}); the backend is retried with
 * backoff and jitter ({@link BackendClient}); {@link #stop} (SIGTERM, {@code quit}) ends the loop
 * at the next move, seals the finished games and tries a last upload.
 */
public final class Contributor {

  private static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final ContributeConfig config;
  private final WorkerLog log;
  private final BackendClient api;
  private final UploadQueue queue;
  private final LoadedNetworks networks;
  private final UploadSender sender;
  private final BatchPlayer batches;
  private final RatingPlayer rating;
  private final Backoff idle;
  private final WorkerTotals totals = new WorkerTotals();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Object pauseLock = new Object();
  private volatile boolean paused;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile long lastHeartbeat;

  /** Touched while the loop lives (playing, uploading, waiting): the container's health check. */
  public static final String HEARTBEAT = "heartbeat";

  public Contributor(ContributeConfig config, WorkerLog log, LoadedNetworks.Loader loader)
      throws IOException {
    this.config = config;
    this.log = log;
    long seed = System.nanoTime();
    this.api =
        BackendClient.builder(config.serverUrl(), config.contributorKey())
            .backoff(new Backoff(Duration.ofSeconds(1), MAX_WAIT, seed))
            .stopping(stopping::get)
            .warnings(log::warn)
            .build();
    this.queue = new UploadQueue(config.dataDir().resolve("queue"));
    NetworkCache cache =
        new NetworkCache(config.dataDir().resolve("networks"), api, config.keepNetworks(), log);
    this.networks = new LoadedNetworks(cache, loader, config, log);
    Path results = RatingPlayer.folder(config.dataDir());
    this.sender = new UploadSender(api, queue, results, log, totals);
    this.batches =
        new BatchPlayer(
            networks,
            queue,
            config,
            log,
            totals,
            this::heartbeat,
            this::betweenMoves,
            this::status);
    this.rating = new RatingPlayer(networks, results, config.maxRatingGames(), log, totals);
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
      String who = api.call(Endpoints.WHOAMI, new WhoamiRequest(), 1000).contributor();
      if (!who.equals(config.username())) {
        log.warn("the key belongs to '" + who + "', not username '" + config.username() + "'");
      }
      log.info("contributing to run " + config.run() + " at " + config.serverUrl() + " as " + who);
      sender.drain(8);
      if (drainOnly) {
        int left = queue.sealed().size();
        log.info(left == 0 ? "queue empty" : left + " batch(es) still queued");
        return left == 0 ? 0 : 1;
      }
      int waits = 0;
      while (!stopping.get()) {
        heartbeat();
        awaitUnpaused();
        if (config.maxBatches() > 0 && totals.batchesPlayed.get() >= config.maxBatches()) {
          log.info("played " + totals.batchesPlayed.get() + " batch(es), as maxBatches asks");
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
          sender.drain(8);
          continue;
        }
        Task task;
        try {
          NextTaskRequest ask = NextTaskRequest.of(config.run(), config.preferredKind());
          task = api.call(Endpoints.NEXT_TASK, ask, Integer.MAX_VALUE);
        } catch (BackendClient.Refused e) {
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
        if (task.kind() == TaskKind.RATING) {
          rating.play(task);
          totals.batchesPlayed.incrementAndGet(); // a rating task counts as a batch for maxBatches
        } else if (task.kind() == TaskKind.SELFPLAY) {
          batches.play(task);
        } else {
          log.warn("a task of a kind this worker does not know; update the worker");
          api.sleep(idle.delay(waits++));
        }
        sender.drain(8);
      }
      if (stopping.get()) {
        sender.drain(1);
      }
      return 0;
    } catch (BackendClient.Unavailable e) {
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
      networks.close();
      finished.countDown();
    }
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
    return totals.line(queued, paused);
  }
}
