package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SelfPlayPaceTest {

  @Test
  void workersPauseOnlyWhileAJobRunsAndItsBacklogIsFull() {
    SelfPlayPace pace = new SelfPlayPace(12_000);
    assertFalse(pace.pause(true, 100_000 + 11_999, 100_000), "below the backlog");
    assertTrue(pace.pause(true, 100_000 + 12_000, 100_000), "the next job is full");
    assertFalse(
        pace.pause(false, 500_000, 100_000), "no job: rating games and self-play must go on");
    assertFalse(new SelfPlayPace(0).pause(true, 500_000, 0), "off");
    assertThrows(IllegalArgumentException.class, () -> new SelfPlayPace(-1));
  }

  @Test
  void theBacklogIsWhatOneJobTrainsAtTheTargetRatio() {
    assertEquals(0, LocalLoopCommand.parse().selfPlayPace().backlog(), "off by default");
    // 1,500 steps of 64 samples, 8 samples per position: 12,000 positions.
    assertEquals(12_000, LocalLoopCommand.parse("--pace", "on").selfPlayPace().backlog());
    assertEquals(
        48_000,
        LocalLoopCommand.parse("--pace", "on", "--max-train-steps", "6000")
            .selfPlayPace()
            .backlog());
    assertEquals(
        3_200,
        LocalLoopCommand.parse(
                "--pace", "on", "--train-steps", "400", "--samples-per-position", "8")
            .selfPlayPace()
            .backlog());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--pace", "yes"));
    assertTrue(e.getMessage().contains("--pace"), e.getMessage());
  }

  @Test
  void aPausedProcessIsStoppedUntilContinued() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc to read a state");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      WorkerProcesses.signal(sleeper.toHandle(), "STOP");
      assertEquals('T', awaitState(sleeper, 'T'), "stopped");
      WorkerProcesses.signal(sleeper.toHandle(), "CONT");
      assertEquals('S', awaitState(sleeper, 'S'), "sleeping again");
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  /** The process's state letter from /proc/PID/stat, once it is {@code want} or after 5 s. */
  private static char awaitState(Process p, char want) throws Exception {
    char state = '?';
    for (int i = 0; i < 100 && state != want; i++) {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      state = stat.charAt(stat.lastIndexOf(')') + 2);
      if (state != want) {
        Thread.sleep(50);
      }
    }
    return state;
  }
}
