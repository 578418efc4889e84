package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * The worker's {@code gtp} command driven by a GUI's own client code: Sabaki's GTP and SGF
 * libraries (npm, run with node) sync a board with handicap and undo, stream lz-analyze and
 * kata-analyze and stop them with the next command, read kata-genmove_analyze's move, and parse
 * printsgf (the script, {@code src/test/node/gui-clients.js}, checks each step).
 */
class GuiClientsTest {

  @Test
  void sabakisLibrariesDriveTheEngine(@TempDir Path dir) throws Exception {
    GuiClients.assumeInstalled("gtp");
    Path model = dir.resolve("g-b1c16-s0-d0.bin.gz");
    try (Network net = Network.random(NetworkName.parse("g-b1c16-s0-d0"), 3, Device.cpu())) {
      NetworkFile.save(net, model);
    }
    List<String> command = new ArrayList<>(List.of(GuiClients.NODE.toString(), "gui-clients.js"));
    command.addAll(GuiClients.tengenGtp(model, "--visits", "40", "--seed", "3"));
    Path log = dir.resolve("node.log");
    Process p =
        new ProcessBuilder(command)
            .directory(GuiClients.NODE_PROJECT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = p.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.err.println("gui-clients.js: " + output.strip());
    assertTrue(finished, "the script finished within 4 minutes: " + output);
    assertEquals(0, p.exitValue(), output);
    String summary = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    assertTrue(summary.contains("\"synced\":[\"Wee\",\"Bef\"]"), summary);
    assertTrue(summary.contains("\"lzBest\":{\"move\":"), summary);
    assertTrue(summary.contains("\"genmoveAnalyze\":"), summary);
  }
}
