package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's summary gives each worker's self-play speed over this run only. */
class SelfPlaySpeedTest {

  @Test
  void onlyTheBatchesOfThisRunCountWeightedByTheirTime(@TempDir Path dir) throws Exception {
    Path log = WorkerProcesses.log(dir, 1);
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "batch of 32 game(s) done in 100 s (999.0 moves/s, 9999 nn evals/s, batch fill 30.0,"
            + " cache hits 5%)\n");
    long mark = SelfPlaySpeed.mark(log);
    Files.writeString(
        log,
        "worker: this batch 3/32 games, 50.0 moves/s, 500 nn evals/s, batch fill 9.0, cache hits"
            + " 1% | uploading\n"
            + "batch of 32 game(s) done in 10 s (300.0 moves/s, 3000 nn evals/s, batch fill 20.0,"
            + " cache hits 10%)\n"
            + "batch of 30 game(s) done in 30 s (100.0 moves/s, 1000 nn evals/s, batch fill 10.0,"
            + " cache hits 12%)\n",
        StandardOpenOption.APPEND);
    SelfPlaySpeed speed = SelfPlaySpeed.read("worker1", log, mark);
    assertEquals(
        2, speed.batches(), "the earlier run's batch and the progress line are not counted");
    assertEquals(62, speed.games());
    // 3,000 + 3,000 moves in 40 s, not the mean of the two rates (200).
    assertEquals(150.0, speed.movesPerSecond(), 1e-9);
    assertEquals(1500.0, speed.evaluationsPerSecond(), 1e-9);
    assertEquals(15.0, speed.meanBatchFill(), 1e-9);
    assertTrue(speed.line().contains("150 moves/s, 1,500 nn evals/s"), speed.line());
    assertEquals(3, SelfPlaySpeed.read("worker1", log, 0).batches(), "from the start: all");
  }

  @Test
  void aWorkerWithoutOutputFinishedNoBatch(@TempDir Path dir) throws Exception {
    Path log = WorkerProcesses.log(dir, 2);
    assertEquals(0, SelfPlaySpeed.mark(log));
    SelfPlaySpeed speed = SelfPlaySpeed.read("worker2", log, 0);
    assertEquals(0, speed.batches());
    assertEquals(0, speed.movesPerSecond());
    assertTrue(speed.line().contains("no batch finished"), speed.line());
  }
}
