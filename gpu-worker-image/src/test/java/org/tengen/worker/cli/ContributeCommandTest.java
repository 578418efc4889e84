package org.tengen.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** contribute stops at once, naming the problem, when its configuration cannot be used. */
class ContributeCommandTest {

  private static String run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, WorkerCli.commandLine().execute(args));
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingFileAnUnsetVariableAndABadValueStopIt(@TempDir Path dir) throws Exception {
    assertTrue(
        run("contribute", "-config", dir.resolve("none.cfg").toString())
            .contains("no config file"));
    assertTrue(
        run("contribute", "-config", "env:TENGEN_SURELY_UNSET_VARIABLE")
            .contains("TENGEN_SURELY_UNSET_VARIABLE is not set"));
    Path cfg = dir.resolve("c.cfg");
    Files.writeString(
        cfg,
        "serverUrl = http://localhost:1\nusername = x\ncontributorKey = k\nnnMaxBatchSize = huge\n");
    assertTrue(run("contribute", "-config", cfg.toString()).contains("nnMaxBatchSize"));
  }
}
