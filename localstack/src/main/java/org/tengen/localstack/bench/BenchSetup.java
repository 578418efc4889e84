package org.tengen.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tengen.core.api.AdminApi.ContributorRequest;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.AdminApi.RunView;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the backend benchmark and the load test share: the backend client as they configure it, and
 * a run set up to take uploads (the run, a placeholder network, the contributors with their keys).
 */
final class BenchSetup {

  private BenchSetup() {}

  /**
   * A client of the functions at {@code base} with {@code key}: the backend client every caller
   * uses, with short pauses (a benchmark waits seconds, not minutes, for a busy backend).
   */
  static BackendClient client(String base, String key) {
    return client(base, key, HTTP, (what, status, failure, nanos) -> {});
  }

  /** One HTTP client (and its connections) for every call of a benchmark. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The same on a shared HTTP client (null for its own), reporting every attempt. */
  static BackendClient client(
      String base, String key, HttpClient http, BackendClient.AttemptListener listener) {
    return BackendClient.builder(URI.create(base), key)
        .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), System.nanoTime()))
        .maxRetryAfter(Duration.ofSeconds(10))
        .requestTimeout(Duration.ofMinutes(5))
        .httpClient(http)
        .listener(listener)
        .build();
  }

  static String randomKey() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return "bench_" + HexFormat.of().formatHex(b);
  }

  /** Creates {@code run}, playing {@code size}x{@code size} boards. */
  static RunView createRun(String base, String admin, String run, int size) throws Exception {
    return client(base, admin)
        .call(
            Endpoints.CREATE_RUN,
            new CreateRunRequest(run, "*:" + size + ":800", null, null, null, null, null, null),
            3);
  }

  /**
   * Releases a placeholder network for {@code run} (a 1-byte object: the backend never reads a
   * network's weights); returns its name.
   */
  static String placeholderNetwork(String base, LocalCloud cloud, String trainer, String run)
      throws Exception {
    NetworkName network = NetworkName.parse(run + "-b6c96-s0-d0");
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key(StorageLayout.network(new RunId(run), network)),
          RequestBody.fromBytes(new byte[] {1}));
    }
    client(base, trainer)
        .call(
            Endpoints.REGISTER_NETWORK,
            RegisterNetworkRequest.first(run, network.toString(), "12".repeat(32), 1),
            3);
    return network.toString();
  }

  /** Creates contributors {@code prefix0 .. prefix(n-1)}; returns their keys in that order. */
  static List<String> contributors(String base, String admin, String prefix, int n)
      throws Exception {
    BackendClient client = client(base, admin);
    List<String> keys = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      keys.add(
          client.call(Endpoints.CREATE_CONTRIBUTOR, new ContributorRequest(prefix + w), 3).key());
    }
    return keys;
  }

  /** The run's stats, as the admin sees them. */
  static Stats stats(String base, String admin, String run) throws Exception {
    return client(base, admin).call(Endpoints.STATS, new StatsRequest(run), 3);
  }

  /** The packaged functions both programs run: {@code --functions-jar}, checked. */
  static final class FunctionsJar {
    @Option(
        names = "--functions-jar",
        paramLabel = "JAR",
        description = "the packaged functions (default: functions/target/quarkus-app)")
    Path path = FunctionsProcess.defaultJar();

    Path checked() {
      if (!java.nio.file.Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "no functions jar at " + path + " (./tengen backend builds it)");
      }
      return path;
    }
  }
}
