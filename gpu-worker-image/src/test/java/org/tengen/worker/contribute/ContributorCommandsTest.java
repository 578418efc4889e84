package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pause, resume, status and quit typed on the worker's terminal. */
class ContributorCommandsTest {

  @Test
  void typedCommandsPauseResumeReportAndStop(@TempDir Path dir) throws Exception {
    ContributeConfig c =
        ContributeConfig.parse(
            "serverUrl = http://127.0.0.1:9\nusername = tess\ndataDir = " + dir + "\n",
            "test",
            Map.of(ContributeConfig.KEY_VARIABLE, "tgn_x"));
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    try (WorkerLog log =
        new WorkerLog(
            new PrintStream(terminal, true, StandardCharsets.UTF_8), dir.resolve("log"))) {
      Contributor worker = new Contributor(c, log, (f, s, d, p) -> null);
      worker.listen(
          new ByteArrayInputStream(
              "pause\nstatus\nresume\nhelp\nquit\n".getBytes(StandardCharsets.UTF_8)));
      long end = System.nanoTime() + 5_000_000_000L;
      while (!terminal.toString(StandardCharsets.UTF_8).contains("stopping (quit typed)")
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      // The loop itself sees the stop at once: run() returns without playing.
      assertTrue(worker.run(false) >= 0);
    }
    String out = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("paused:"), out);
    assertTrue(out.contains("| PAUSED"), "status shows the pause: " + out);
    assertTrue(out.contains("resumed"), out);
    assertTrue(out.contains("commands: pause, resume, quit, status"), out);
    assertTrue(out.contains("stopping (quit typed)"), out);
  }
}
