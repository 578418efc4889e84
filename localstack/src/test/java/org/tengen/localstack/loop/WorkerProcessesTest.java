package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that dies is started again, within its restarts. */
class WorkerProcessesTest {

  @Test
  void aWorkerPlaysAllGamesOfItsTaskAtOnceInBatchesOfUpTo64() {
    String big = WorkerProcesses.config(URI.create("http://h/"), 1, Path.of("/d"), 32);
    assertTrue(big.contains("maxSimultaneousGames = 32\nnnMaxBatchSize = 32\n"), big);
    String bigger = WorkerProcesses.config(URI.create("http://h/"), 1, Path.of("/d"), 64);
    assertTrue(bigger.contains("maxSimultaneousGames = 64\nnnMaxBatchSize = 64\n"), bigger);
    String biggest = WorkerProcesses.config(URI.create("http://h/"), 1, Path.of("/d"), 100);
    assertTrue(biggest.contains("maxSimultaneousGames = 100\nnnMaxBatchSize = 64\n"), biggest);
    String small = WorkerProcesses.config(URI.create("http://h/"), 2, Path.of("/d"), 4);
    assertTrue(small.contains("username = worker2\n"), small);
    assertTrue(small.contains("maxSimultaneousGames = 4\nnnMaxBatchSize = 4\n"), small);
  }

  @Test
  void restartsAreCappedPerHourAndComeBackAfterIt() {
    WorkerProcesses.Restarts r = new WorkerProcesses.Restarts();
    Instant t = Instant.parse("2026-12-02T10:00:00Z");
    for (int i = 0; i < WorkerProcesses.RESTARTS; i++) {
      assertTrue(r.take(t.plusSeconds(60L * i)), "restart " + (i + 1));
    }
    assertFalse(r.take(t.plusSeconds(600)), "a sixth within the hour");
    assertTrue(r.take(t.plus(Duration.ofMinutes(61))), "the first has left the hour");
    assertEquals(WorkerProcesses.RESTARTS + 1, r.total());
  }

  @Test
  void aWorkerThatExitsIsStartedAgainUntilItsRestartsAreSpent(@TempDir Path dir) throws Exception {
    // No jars under this root: each worker's JVM exits at once, as a crashed worker would.
    LoopOptions o =
        LocalLoopCommand.parse("--root", dir.toString(), "--data", dir.resolve("data").toString());
    LoopSetup.Keys keys = new LoopSetup.Keys(java.nio.file.Files.createDirectories(o.data()));
    keys.setWorker(1, "k1");
    keys.setWorker(2, "k2");
    WorkerProcesses workers = new WorkerProcesses(o, new Programs(dir));
    workers.start(URI.create("http://127.0.0.1:9/"), keys);
    assertEquals(2, workers.count());
    Instant now = Instant.now();
    int restarted = 0;
    int leftDown = 0;
    for (int round = 0; round < 40 && leftDown < 2; round++) {
      waitForExits(workers);
      List<String> events = workers.supervise(now);
      for (String e : events) {
        assertTrue(e.startsWith("worker1 exited") || e.startsWith("worker2 exited"), e);
        if (e.contains("started again")) {
          restarted++;
        }
        leftDown += e.contains("it stays down") ? 1 : 0;
      }
    }
    assertEquals(2 * WorkerProcesses.RESTARTS, restarted, "five restarts each");
    assertEquals(2, leftDown, "then left down, and said so");
    waitForExits(workers);
    assertEquals(List.of(), workers.supervise(now), "reported once");
    assertEquals(0, workers.alive());
    workers.stop();
  }

  private static void waitForExits(WorkerProcesses workers) throws InterruptedException {
    for (int i = 0; i < 300 && workers.alive() > 0; i++) {
      Thread.sleep(100);
    }
  }
}
