package org.tengen.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.record.GameValidator;
import org.tengen.core.record.ValidationLimits;
import org.tengen.core.sgf.SgfReader;

class WorkerCliTest {

  private static int run(String... args) {
    return WorkerCli.commandLine().execute(args);
  }

  @Test
  void initNetworkThenSelfPlayWritesValidRecordsAndSgf(@TempDir Path dir) throws IOException {
    Path net = dir.resolve("nets/tiny-b1c8-s0-d0.bin.gz");
    assertEquals(0, run("init-network", "--name", "tiny-b1c8-s0-d0", "--out", net.toString()));
    assertTrue(Files.size(net) > 1000);
    Path out = dir.resolve("sp");
    assertEquals(
        0,
        run(
            "selfplay",
            "--model",
            net.toString(),
            "--games",
            "3",
            "--size",
            "7",
            "--visits",
            "8",
            "--in-flight",
            "2",
            "--out",
            out.toString(),
            "--device",
            "cpu",
            "--seed",
            "3",
            "--progress",
            "0.5"));
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    try (Stream<Path> files = Files.list(out.resolve("records"))) {
      List<Path> records = files.sorted().toList();
      assertEquals(3, records.size());
      for (Path r : records) {
        byte[] json = new java.util.zip.GZIPInputStream(Files.newInputStream(r)).readAllBytes();
        assertEquals(List.of(), validator.validate(json), r.toString());
      }
    }
    try (Stream<Path> files = Files.list(out.resolve("sgf"))) {
      for (Path sgf : files.toList()) {
        assertTrue(SgfReader.parse(Files.readString(sgf)).replay().isOver(), sgf.toString());
      }
    }
  }

  @Test
  void badArgumentsAreRefused(@TempDir Path dir) {
    assertEquals(2, run("selfplay", "--games", "1"), "--model is required");
    assertEquals(
        1, run("init-network", "--name", "not-a-name", "--out", dir.resolve("x").toString()));
    assertEquals(1, run("selfplay", "--model", dir.resolve("missing.bin.gz").toString()));
  }
}
