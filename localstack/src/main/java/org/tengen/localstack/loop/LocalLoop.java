package org.tengen.localstack.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;

/**
 * The whole loop on one machine: the local cloud (persisted in the data folder), the functions, the
 * workers ({@link WorkerProcesses}), and a trainer that runs the training job ({@link
 * TrainingJobs}) when its {@link TrainerSchedule} says so; candidates are rated by the workers and
 * released or rejected by the backend. A second run on the same folder continues the first. The
 * options are {@link LocalLoopCommand}'s.
 */
final class LocalLoop {

  /**
   * The share of a candidate's rating games one of this machine's workers may have: looser than a
   * public deployment's 0.6 (the workers are the operator's own), but still needing two of them.
   */
  static final double MAX_CONTRIBUTOR_SHARE = 0.75;

  private final LoopOptions o;
  private final Programs programs;
  private final WorkerProcesses workers;
  private final TrainingJobs jobs;
  private final SelfPlayPace pace;
  private final StatusView view = new StatusView();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private Thread trainer;

  /** Counted down once the workers and the functions are stopped, however the loop ended. */
  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);

  private FunctionsProcess functions;
  private BackendClient admin;
  private volatile String training = "idle";
  private volatile int trainings;
  private volatile Path trainingLog;

  /** Whether a training job runs, and the positions it trains on: what {@link #pace} reads. */
  private volatile boolean jobRunning;

  private volatile long jobPositions;
  private long gamesAtStart = -1;

  LocalLoop(LoopOptions o) {
    this.o = o;
    this.programs = new Programs(o.root());
    this.workers = new WorkerProcesses(o, programs);
    this.jobs = new TrainingJobs(o, programs);
    this.pace = o.selfPlayPace();
  }

  int run() throws Exception {
    Files.createDirectories(o.data());
    Instant started = Instant.now();
    try (LoopLock lock = LoopLock.take(o.data());
        LocalCloud cloud =
            LocalCloud.start(LocalCloud.Options.persistent(o.data().resolve("cloud")))) {
      LoopSetup.Keys keys = new LoopSetup.Keys(o.data());
      lock.announce(cloud.s3Endpoint());
      functions =
          new FunctionsProcess(
                  o.root().resolve("functions/target/quarkus-app/quarkus-run.jar"),
                  cloud,
                  keys.admin(),
                  keys.trainer())
              .with("tengen.rating.probability", "0.5")
              // Each worker is a contributor of its own; with one, no second contributor's games
              // could ever let its games count.
              .with(
                  "tengen.rating.max-contributor-share",
                  o.workers() == 1 ? "1" : String.valueOf(MAX_CONTRIBUTOR_SHARE))
              // This machine's own workers on 9x9 upload several hundred small batches an hour
              // each: the public deployment's quota is not meant for them.
              .with("tengen.quota.uploads-per-hour", "100000");
      try {
        functions.start();
        functions.awaitReady(Duration.ofMinutes(2));
        admin = client(keys.admin());
        System.out.println("functions on " + functions.baseUri() + "; state in " + o.data());
        writeDashboardLink(keys.admin());
        // Ctrl-C reaches the workers too, but a SIGTERM to this process alone does not: the hook
        // holds the JVM until the loop has stopped its workers and the functions, or they would
        // be left running.
        Thread hook =
            new Thread(
                () -> {
                  stopping.set(true);
                  try {
                    stopped.await(2, java.util.concurrent.TimeUnit.MINUTES);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "local-loop-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        new LoopSetup(o, programs).setUp(cloud, keys, admin, client(keys.trainer()));
        workers.start(functions.baseUri(), keys);
        trainer = new Thread(() -> trainLoop(cloud, keys.trainer()), "local-loop-trainer");
        trainer.setDaemon(true);
        trainer.start();
        Instant end = started.plus(o.duration());
        while (!stopping.get() && Instant.now().isBefore(end)) {
          Thread.sleep(5_000);
          if (!stopping.get()) {
            try {
              for (String event : workers.supervise(Instant.now())) {
                System.out.println(event);
                view.interrupted();
              }
              status(started);
            } catch (Exception e) {
              System.out.println("status: " + e.getMessage());
              view.interrupted();
            }
          }
        }
        stopping.set(true);
        System.out.println(
            "stopping: workers keep their finished games on disk and upload them next time");
        workers.stop();
        Stats s = stats();
        NetworksTable.write(o.data(), s.networks());
        StatusView.summary(s, Duration.between(started, Instant.now()), trainings)
            .forEach(System.out::println);
        System.out.println("self-play this run:");
        workers.speeds().forEach(speed -> System.out.println(speed.line()));
        System.out.println("state kept in " + o.data() + ": the next run continues from it");
        System.out.println(
            "the networks' table: "
                + o.data().resolve(NetworksTable.FILE)
                + "; measure them with: ./tengen strength --data "
                + o.data());
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutting down already
        }
      } finally {
        // However the loop ends (an error in setup included), no worker or functions process is
        // left running.
        stopping.set(true);
        try {
          // A training job still running would outlive the loop and the functions it registers
          // with: the trainer thread stops it when interrupted.
          if (trainer != null) {
            trainer.interrupt();
            trainer.join(60_000);
          }
          workers.stop();
          functions.close();
        } finally {
          stopped.countDown();
        }
      }
    }
    return 0;
  }

  private BackendClient client(String key) {
    return BackendClient.builder(functions.baseUri(), key)
        .backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), System.nanoTime()))
        .build();
  }

  private Stats stats() throws IOException, InterruptedException {
    return admin.call(Endpoints.STATS, new StatsRequest(LoopSetup.RUN), 3);
  }

  private void writeDashboardLink(String adminKey) throws IOException {
    Path link = o.data().resolve("dashboard.url");
    Files.writeString(
        link,
        functions.baseUri().resolve("/dashboard/")
            + "#run="
            + LoopSetup.RUN
            + "&key="
            + adminKey
            + "\n");
    try {
      Files.setPosixFilePermissions(
          link, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's own permissions apply
    }
    System.out.println(
        "dashboard: "
            + functions.baseUri().resolve("/dashboard/")
            + " (the link with the key: "
            + link
            + ")");
    System.out.println(
        "public pages (no key; published after each decision and each minute of uploads): "
            + functions.baseUri().resolve("/public/")
            + "?run="
            + LoopSetup.RUN);
  }

  /** Runs a training job whenever the schedule says so, until the loop stops. */
  private void trainLoop(LocalCloud cloud, String trainerKey) {
    Path marker = o.data().resolve("trained-at-positions");
    TrainerSchedule schedule = new TrainerSchedule(o.trainEvery(), o.gate().equals("seed"));
    while (!stopping.get()) {
      try {
        Thread.sleep(15_000);
        long last =
            Files.isRegularFile(marker) ? Long.parseLong(Files.readString(marker).strip()) : 0;
        TrainerSchedule.Decision d = schedule.decide(stats(), last);
        if (!d.train()) {
          training = d.why();
          continue;
        }
        int job = jobs.nextJob();
        trainings++;
        training =
            "training job "
                + job
                + " on "
                + d.positions()
                + " positions ("
                + o.stepsFor(d.fresh())
                + " steps)";
        trainingLog = jobs.log(job);
        jobPositions = d.positions();
        jobRunning = true;
        int code;
        try {
          code = jobs.run(job, d.positions(), d.fresh(), cloud, functions.baseUri(), trainerKey);
        } finally {
          jobRunning = false;
          workers.pause(false); // at once, not at the next status
        }
        if (code == 0) {
          Files.writeString(marker, Long.toString(d.positions()));
          training = "job " + job + " done: candidate registered";
        } else {
          training = "job " + job + " FAILED (see " + jobs.log(job) + ")";
          Thread.sleep(60_000);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        training = "trainer error: " + e.getMessage();
      }
    }
  }

  private void status(Instant started) throws Exception {
    Stats s = stats();
    pace(s);
    if (gamesAtStart < 0) {
      gamesAtStart = s.totals().games();
    }
    view.show(
        StatusView.block(
            s,
            new StatusView.Loop(
                Duration.between(started, Instant.now()),
                workers.alive(),
                workers.count(),
                gamesAtStart,
                training + trainingProgress() + (workers.paused() ? "; self-play paused" : ""),
                o.ratingGames())));
    NetworksTable.write(o.data(), s.networks());
  }

  /** Pauses or resumes the workers as the run's {@link SelfPlayPace} says. */
  private void pace(Stats s) throws IOException {
    workers.pause(pace.pause(jobRunning, s.totals().positions(), jobPositions));
  }

  /** The running training job's last logged step and loss, from its log. */
  private String trainingProgress() {
    Path log = trainingLog;
    if (log == null || !training.startsWith("training job") || !Files.isRegularFile(log)) {
      return "";
    }
    try {
      return ", " + TrainingJobs.progress(Files.readAllLines(log));
    } catch (IOException e) {
      return ""; // the job is writing it; the next refresh reads it
    }
  }
}
