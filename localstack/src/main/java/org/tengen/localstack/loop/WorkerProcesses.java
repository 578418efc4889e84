package org.tengen.localstack.loop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loop's workers: each a real {@code contribute} process with its own contribute.cfg, data
 * folder and contributor key, its output in {@code workers/workerN/worker.out}. Stopped with
 * SIGTERM, a worker keeps its finished games on disk and uploads them next time.
 */
final class WorkerProcesses {

  private final LoopOptions o;
  private final Programs programs;
  private final List<Process> running = new ArrayList<>();

  WorkerProcesses(LoopOptions o, Programs programs) {
    this.o = o;
    this.programs = programs;
  }

  /** The contribute.cfg of worker {@code w}. */
  static String config(URI functions, int w, Path dataDir) {
    return "serverUrl = "
        + functions
        + "\nusername = worker"
        + w
        + "\nrun = "
        + LoopSetup.RUN
        + "\ndataDir = "
        + dataDir
        + "\ndevice = cpu\nmaxSimultaneousGames = 8\nnnMaxBatchSize = 8\nprogressSeconds = 60\n"
        + "maxRatingGames = 2\n";
  }

  void start(URI functions, LoopSetup.Keys keys) throws IOException {
    for (int w = 1; w <= o.workers(); w++) {
      Path dir = Files.createDirectories(o.data().resolve("workers/worker" + w));
      Path cfg = dir.resolve("contribute.cfg");
      Files.writeString(cfg, config(functions, w, dir.resolve("data")));
      running.add(
          programs.start(
              Programs.WORKER,
              List.of("contribute", "-config", cfg.toString(), "--no-stdin"),
              List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
              dir.resolve("worker.out"),
              Map.of("TENGEN_CONTRIBUTOR_KEY", keys.worker(w))));
    }
  }

  int alive() {
    return (int) running.stream().filter(Process::isAlive).count();
  }

  int count() {
    return running.size();
  }

  /** SIGTERM to every worker, then waits for each to finish its last upload. */
  void stop() throws InterruptedException {
    for (Process p : running) {
      p.destroy();
    }
    for (Process p : running) {
      p.waitFor();
    }
  }
}
