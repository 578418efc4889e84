package org.tengen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.admin.AdminCli;
import picocli.CommandLine;

/** {@code tengen admin} against the real functions on the local cloud. */
class AdminCliTest {

  private static final String ADMIN = "tgn_admin_cli_test_key_0123456789abcdef";
  private static final String TRAINER = "tgn_trainer_cli_test_key_0123456789abcdef";

  private static LocalCloud cloud;
  private static FunctionsProcess functions;

  @BeforeAll
  static void start() throws Exception {
    Path jar = FunctionsProcess.defaultJar();
    Assumptions.assumeTrue(
        Files.isRegularFile(jar),
        "the packaged functions are missing at "
            + jar
            + " (a reactor build, mvn verify from the root, packages them first)");
    cloud = LocalCloud.start(LocalCloud.Options.inMemory());
    functions = new FunctionsProcess(jar, cloud, ADMIN, TRAINER).start();
    functions.awaitReady(Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (functions != null) {
      functions.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result admin(Map<String, String> env, String... args) {
    CommandLine cl = AdminCli.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static Map<String, String> env(String key) {
    Map<String, String> env = new HashMap<>();
    env.put("TENGEN_URL", functions.baseUri().toString());
    if (key != null) {
      env.put("TENGEN_ADMIN_KEY", key);
    }
    return env;
  }

  @Test
  void anOperatorRunsTheBackendFromTheTerminal(@TempDir Path dir) throws Exception {
    Result run =
        admin(env(ADMIN), "create-run", "cli1", "--curriculum", "*:9:16", "--games-per-batch", "4");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("\"run\" : \"cli1\""), run.out());
    assertTrue(run.out().contains("\"gamesPerBatch\" : 4"), run.out());

    Result bob = admin(env(ADMIN), "create-contributor", "bob");
    assertEquals(0, bob.code(), bob.err());
    assertTrue(bob.out().contains("\"key\" : \"tgn_"), "the key is printed once: " + bob.out());
    assertTrue(bob.err().contains("shown this once"), bob.err());

    Path keyFile = dir.resolve("admin.key");
    Files.writeString(keyFile, ADMIN + "\n");
    Result stats = admin(env(null), "stats", "cli1", "--key-file", keyFile.toString());
    assertEquals(0, stats.code(), stats.err());
    assertTrue(stats.out().contains("\"run\""), stats.out());

    Result rotated = admin(env(ADMIN), "rotate-key", "bob");
    assertEquals(0, rotated.code(), rotated.err());
    assertTrue(rotated.out().contains("\"key\" : \"tgn_"), rotated.out());
    assertTrue(!rotated.out().equals(bob.out()), "a new key: " + rotated.out());
    assertTrue(rotated.err().contains("the old one is void"), rotated.err());

    Result disabled = admin(env(ADMIN), "disable-contributor", "bob");
    assertEquals(0, disabled.code(), disabled.err());
    assertTrue(disabled.out().contains("\"enabled\" : false"), disabled.out());

    Result again = admin(env(ADMIN), "create-run", "cli1");
    assertEquals(1, again.code(), "a second create of the same run is refused");
    assertTrue(again.err().startsWith("tengen admin: refused ("), again.err());

    Result unknown = admin(env(ADMIN), "decide", "cli1", "cli1-b1c8-s9-d9");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("refused"), unknown.err());
  }

  @Test
  void aMissingOrWrongKeyIsNamed() {
    Result none = admin(env(null), "stats", "cli1");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no admin key: set TENGEN_ADMIN_KEY"), none.err());
    Result wrong = admin(env("tgn_not_the_admin_key_at_all_0000000000"), "stats", "cli1");
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("refused"), wrong.err());
    Result badUrl = admin(Map.of("TENGEN_ADMIN_KEY", ADMIN, "TENGEN_URL", "ftp://x"), "stats", "a");
    assertEquals(2, badUrl.code());
    assertTrue(badUrl.err().contains("is not http(s)"), badUrl.err());
    Result noCommand = admin(env(ADMIN));
    assertEquals(2, noCommand.code());
  }
}
