package org.tengen.localstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tengen backend}: the local cloud and the packaged functions on one port, with fresh admin
 * and trainer keys (only their hashes reach the functions), for the README's walk-through and for
 * trying clients by hand. Ctrl-C stops both.
 */
@Command(
    name = "tengen backend",
    mixinStandardHelpOptions = true,
    description =
        "The local cloud (DynamoDB Local and S3Proxy) and the functions on http://localhost:PORT,"
            + " with fresh admin and trainer keys.")
public final class BackendMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "(default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "keep the cloud's state in DIR (default: in memory)")
  Path data;

  @Option(
      names = "--functions-jar",
      hidden = true,
      description = "the packaged functions (default: functions/target/quarkus-app)")
  Path functionsJar;

  static String newKey(String role) {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return "tgn_" + role + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--port is 1..65535, not " + port);
    }
    LocalCloud cloud =
        LocalCloud.start(
            data == null ? LocalCloud.Options.inMemory() : LocalCloud.Options.persistent(data));
    String admin = newKey("admin");
    String trainer = newKey("trainer");
    FunctionsProcess functions =
        new FunctionsProcess(
                functionsJar == null ? FunctionsProcess.defaultJar() : functionsJar,
                cloud,
                admin,
                trainer,
                port)
            .toTerminal();
    CountDownLatch stopped = Cli.closeOnStop("tengen backend", functions, cloud);
    functions.start();
    functions.awaitReady(Duration.ofMinutes(2));
    System.out.println(
        "Tengen backend: functions on "
            + functions.baseUri()
            + ", DynamoDB "
            + cloud.dynamoDbEndpoint()
            + ", S3 "
            + cloud.s3Endpoint());
    System.out.println("  admin key:   " + admin);
    System.out.println("  trainer key: " + trainer);
    System.out.println(
        "  S3 credentials for aws --endpoint-url "
            + cloud.s3Endpoint()
            + ": "
            + LocalCloud.ACCESS_KEY
            + " / "
            + LocalCloud.SECRET_KEY);
    System.out.println("Try (README.md walks through the whole upload path):");
    System.out.println(
        "  export TENGEN_ADMIN_KEY="
            + admin
            + " TENGEN_URL=http://localhost:"
            + port
            + " TRAINER="
            + trainer
            + " S3="
            + cloud.s3Endpoint()
            + " B=localhost:"
            + port);
    System.out.println("  ./tengen admin create-run kata1");
    System.out.println("  ./tengen admin create-contributor alice");
    System.out.println("Ctrl-C stops it.");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen backend", new BackendMain(), args));
  }
}
