package org.tengen.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tengen.worker.contribute.Contributor;
import picocli.CommandLine;

/**
 * What can be checked of the worker's image without Docker: it copies the jar this build makes, its
 * entrypoint's class starts and its default command parses, its health check watches the file the
 * worker touches, and it does not run as root. Where hadolint is installed, it lints.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile");

  private static String dockerfile() throws Exception {
    return Files.readString(DOCKERFILE);
  }

  @Test
  void theImageCopiesTheJarThisBuildMakes() throws Exception {
    String jar = System.getProperty("tengen.worker.jar");
    Assumptions.assumeTrue(jar != null, "run through Maven, which names the jar");
    String text = dockerfile();
    assertTrue(
        text.contains("cp gpu-worker-image/target/" + jar + " /out/tengen-gpu-worker.jar"),
        "the Dockerfile copies " + jar);
    assertTrue(text.contains("cp gpu-worker-image/target/lib/*.jar /out/lib/"));
    assertTrue(text.contains("-cp\", \"/app/tengen-gpu-worker.jar:/app/lib/*\""));
    assertTrue(
        text.contains("\"--add-modules\", \"jdk.incubator.vector\""),
        "the entrypoint adds the Vector API for the CPU engine");
    assertTrue(
        text.contains("java --list-modules | grep -q '^jdk.incubator.vector@'"),
        "the build checks that the runtime has the module the entrypoint adds");
    assertTrue(
        Files.isRegularFile(Path.of("../.dockerignore")), "a .dockerignore keeps target/ out");
  }

  @Test
  void theEntrypointStartsAndTheDefaultCommandParses() throws Exception {
    Matcher entry =
        Pattern.compile("ENTRYPOINT \\[.*\"(org\\.tengen\\.[\\w.]+)\"\\]").matcher(dockerfile());
    assertTrue(entry.find(), "an exec-form ENTRYPOINT naming the main class");
    assertEquals(WorkerCli.class.getName(), entry.group(1));
    StringWriter out = new StringWriter();
    CommandLine cli = WorkerCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    assertTrue(out.toString().contains("contribute"), out.toString());
    assertTrue(out.toString().contains("gtp"), out.toString());
    Matcher cmd = Pattern.compile("CMD \\[(.*)\\]").matcher(dockerfile());
    assertTrue(cmd.find());
    String[] args = cmd.group(1).replace("\"", "").split(",\\s*");
    CommandLine.ParseResult parsed = WorkerCli.commandLine().parseArgs(args);
    assertEquals("contribute", parsed.subcommand().commandSpec().name());
    assertEquals(0, WorkerCli.commandLine().execute("contribute", "--help"));
  }

  @Test
  void theHealthCheckWatchesTheHeartbeatAndTheWorkerIsNoRoot() throws Exception {
    String text = dockerfile();
    assertTrue(
        text.contains("/data/tengen-worker-data/" + Contributor.HEARTBEAT),
        "the health check reads the default data folder's heartbeat");
    assertTrue(text.contains("WORKDIR /data"), "the default data folder lies in the volume");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
    assertTrue(user.find());
    assertTrue(!user.group(1).equals("root") && !user.group(1).equals("0"));
    assertTrue(text.contains("PYTORCH_LIBRARY_PATH") && text.contains("PYTORCH_FLAVOR=cu128"));
  }

  @Test
  void hadolintFindsNothingWhereItIsInstalled() throws Exception {
    Path hadolint =
        Stream.of(System.getenv("PATH").split(":"))
            .map(d -> Path.of(d, "hadolint"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    Assumptions.assumeTrue(
        hadolint != null,
        "hadolint is not installed (it is not in Debian); the checks above still ran");
    Process p =
        new ProcessBuilder(hadolint.toString(), DOCKERFILE.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }
}
