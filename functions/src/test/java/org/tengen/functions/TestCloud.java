package org.tengen.functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which cloud the functions' tests run against: the embedded stand-ins (the default build) or
 * LocalStack in Docker ({@code -Plocalstack}, which sets {@code tengen-test.cloud=localstack}).
 * Under {@code -Plocalstack} without Docker, every test class is skipped with that reason; the
 * default build runs the same tests on the stand-ins.
 */
public final class TestCloud implements ExecutionCondition {

  /** The LocalStack image, the one localstack/docker-compose.yml runs. */
  static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9.2";

  private static volatile boolean saidSo;

  static boolean localStack() {
    return "localstack".equals(System.getProperty("tengen-test.cloud", "embedded"));
  }

  /**
   * Whether a Docker engine looks reachable: DOCKER_HOST, or a socket where Docker puts one.
   * (Asking Testcontainers here fails: this condition runs outside Quarkus's class loader, and the
   * library's service lookup then trips over two copies of its classes.)
   */
  static boolean dockerAvailable() {
    if (System.getProperty("tengen-test.assume-docker") != null
        || System.getenv("TENGEN_LOCALSTACK_ENDPOINT") != null) {
      return true; // or a LocalStack is running already
    }
    String host = System.getenv("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return true;
    }
    List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null) {
      sockets.add(Path.of(runtime, "docker.sock"));
    }
    sockets.add(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    return sockets.stream().anyMatch(Files::exists);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!localStack()) {
      return ConditionEvaluationResult.enabled("embedded local cloud (DynamoDB Local + S3Proxy)");
    }
    if (dockerAvailable()) {
      return ConditionEvaluationResult.enabled("LocalStack in Docker (" + LOCALSTACK_IMAGE + ")");
    }
    String reason =
        "-Plocalstack runs these tests against LocalStack in Docker, and no Docker engine was"
            + " found (DOCKER_HOST or /var/run/docker.sock); the default build runs the same"
            + " tests on the embedded stand-ins";
    if (!saidSo) {
      saidSo = true;
      System.err.println("tengen: skipping the functions' tests: " + reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
