package org.tengen.worker.gtp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests that drive Tengen from outside share: the node project with Sabaki's libraries,
 * and the command line of the worker's {@code gtp} command as a child process.
 */
final class GuiClients {

  static final Path NODE = Path.of("/usr/bin/node");
  static final Path NODE_PROJECT = Path.of("src", "test", "node");

  private GuiClients() {}

  /** Skips the test, saying why, unless node and the named Sabaki package are installed. */
  static void assumeInstalled(String sabakiPackage) {
    Assumptions.assumeTrue(Files.isExecutable(NODE), "node is not installed at " + NODE);
    Assumptions.assumeTrue(
        Files.isDirectory(NODE_PROJECT.resolve("node_modules/@sabaki/" + sabakiPackage)),
        "Sabaki's libraries are not installed in "
            + NODE_PROJECT
            + " (./tengen test installs them with npm ci)");
  }

  /** {@code worker gtp} in a JVM of this test's classpath, on the CPU, with these options. */
  static List<String> tengenGtp(Path model, String... options) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.tengen.worker.cli.WorkerCli",
                "gtp",
                "-model",
                model.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("--device", "cpu"));
    return command;
  }
}
