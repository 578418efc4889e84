package org.tengen.localstack.loop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loop's workers: each a real {@code contribute} process with its own contribute.cfg, data
 * folder and contributor key, its output in {@code workers/workerN/worker.out}. Stopped with
 * SIGTERM, a worker keeps its finished games on disk and uploads them next time. A worker that
 * exits while the loop runs is started again ({@link #supervise}), at most {@link #RESTARTS} times
 * an hour, so that one crash does not halve the loop's self-play for the rest of the run.
 */
final class WorkerProcesses {

  /** Restarts allowed per worker in any hour; beyond them a worker that keeps dying stays down. */
  static final int RESTARTS = 5;

  private final LoopOptions o;
  private final Programs programs;
  private final List<Process> running = new ArrayList<>();
  private final List<Restarts> restarts = new ArrayList<>();

  /** Workers left down after too many restarts (indices into {@code running}). */
  private final java.util.Set<Integer> down = new java.util.HashSet<>();

  /** Each worker's log size when this run started it: where this run's lines begin. */
  private final List<Long> logStarts = new ArrayList<>();

  private URI functions;
  private LoopSetup.Keys keys;
  private boolean paused;

  /** When a worker was restarted, to keep restarts within {@link #RESTARTS} an hour. */
  static final class Restarts {
    private final java.util.ArrayDeque<java.time.Instant> times = new java.util.ArrayDeque<>();
    private int total;

    /** Whether a restart at {@code now} is allowed; if so it is counted. */
    boolean take(java.time.Instant now) {
      while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
        times.removeFirst();
      }
      if (times.size() >= RESTARTS) {
        return false;
      }
      times.addLast(now);
      total++;
      return true;
    }

    int total() {
      return total;
    }
  }

  WorkerProcesses(LoopOptions o, Programs programs) {
    this.o = o;
    this.programs = programs;
  }

  /**
   * The contribute.cfg of worker {@code w}: all {@code gamesPerBatch} games of a task in flight at
   * once, their evaluations batched up to 64, since at b2c32 a batch of 8 costs nearly what a batch
   * of 32 does and a batch of 64 evaluates 17% more positions a second than one of 32
   * (docs/benchmarks.md).
   */
  static String config(URI functions, int w, Path dataDir, int gamesPerBatch) {
    return "serverUrl = "
        + functions
        + "\nusername = worker"
        + w
        + "\nrun = "
        + LoopSetup.RUN
        + "\ndataDir = "
        + dataDir
        + "\ndevice = cpu\nmaxSimultaneousGames = "
        + gamesPerBatch
        + "\nnnMaxBatchSize = "
        + Math.min(64, gamesPerBatch)
        + "\nprogressSeconds = 60\n"
        + "maxRatingGames = 2\n";
  }

  void start(URI functions, LoopSetup.Keys keys) throws IOException {
    this.functions = functions;
    this.keys = keys;
    for (int w = 1; w <= o.workers(); w++) {
      logStarts.add(SelfPlaySpeed.mark(log(o.data(), w)));
      running.add(startWorker(w));
      restarts.add(new Restarts());
    }
  }

  /** Each worker's self-play over this run, from the lines its log gained since {@link #start}. */
  List<SelfPlaySpeed> speeds() throws IOException {
    List<SelfPlaySpeed> speeds = new ArrayList<>();
    for (int w = 1; w <= logStarts.size(); w++) {
      speeds.add(SelfPlaySpeed.read("worker" + w, log(o.data(), w), logStarts.get(w - 1)));
    }
    return speeds;
  }

  /** Worker {@code w}'s folder (from 1) in the loop's {@code data}. */
  private static Path folder(Path data, int w) {
    return data.resolve("workers/worker" + w);
  }

  /** Where worker {@code w} (from 1) of the loop on {@code data} writes its output. */
  static Path log(Path data, int w) {
    return folder(data, w).resolve("worker.out");
  }

  private Process startWorker(int w) throws IOException {
    Path dir = Files.createDirectories(folder(o.data(), w));
    Path cfg = dir.resolve("contribute.cfg");
    Files.writeString(cfg, config(functions, w, dir.resolve("data"), o.gamesPerBatch()));
    return programs.start(
        Programs.WORKER,
        List.of("contribute", "-config", cfg.toString(), "--no-stdin"),
        List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
        log(o.data(), w),
        Map.of("TENGEN_CONTRIBUTOR_KEY", keys.worker(w)));
  }

  /**
   * Starts again each worker that has exited, within its restarts; one line per worker it found
   * gone, for the loop's output.
   */
  synchronized List<String> supervise(java.time.Instant now) throws IOException {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      Process p = running.get(i);
      if (p.isAlive() || down.contains(i)) {
        continue;
      }
      int w = i + 1;
      String exit = "worker" + w + " exited with code " + p.exitValue();
      if (restarts.get(i).take(now)) {
        running.set(i, startWorker(w));
        if (paused) {
          signal(running.get(i).toHandle(), "STOP");
        }
        events.add(
            exit
                + "; started again (restart "
                + restarts.get(i).total()
                + ", see "
                + o.data().relativize(log(o.data(), w))
                + ")");
      } else {
        down.add(i); // reported once
        events.add(exit + "; " + RESTARTS + " restarts in the last hour, it stays down");
      }
    }
    return events;
  }

  /**
   * Pauses (SIGSTOP) or resumes (SIGCONT) every running worker, for {@link SelfPlayPace}. A paused
   * worker keeps its games and connections; the functions see a slow worker, nothing more.
   */
  synchronized void pause(boolean pause) throws IOException {
    if (pause == paused) {
      return;
    }
    for (Process p : running) {
      if (p.isAlive()) {
        signal(p.toHandle(), pause ? "STOP" : "CONT");
      }
    }
    paused = pause;
  }

  synchronized boolean paused() {
    return paused;
  }

  /** Sends SIGSTOP or SIGCONT, which Java's process API cannot, through kill(1). */
  static void signal(ProcessHandle process, String signal) throws IOException {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(kill.getInputStream().readAllBytes()).strip();
      if (kill.waitFor() != 0 && process.isAlive()) {
        throw new IOException("kill -" + signal + " " + process.pid() + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending SIG" + signal, e);
    }
  }

  int alive() {
    return (int) running.stream().filter(Process::isAlive).count();
  }

  int count() {
    return running.size();
  }

  /** SIGTERM to every worker, then waits for each to finish its last upload. */
  synchronized void stop() throws InterruptedException {
    try {
      pause(false); // a stopped process would hold SIGTERM until it is continued
    } catch (java.io.IOException e) {
      System.out.println("resuming the workers before stopping them: " + e.getMessage());
    }
    for (Process p : running) {
      p.destroy();
    }
    for (Process p : running) {
      p.waitFor();
    }
  }
}
