package org.tengen.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the backend benchmark and the load test share: their {@code --name value} options, plain
 * calls to the functions, and a run set up to take uploads (the run, a placeholder network, the
 * contributors with their keys).
 */
final class BenchSetup {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer of the functions: its status and JSON body (null when empty). */
  record Answer(int status, JsonNode body) {}

  private BenchSetup() {}

  /** {@code --name value} pairs; a name outside {@code known} or one without a value is refused. */
  static final class Flags {
    private final Map<String, String> values = new HashMap<>();

    Flags(String[] args, Set<String> known) {
      for (int i = 0; i < args.length; i += 2) {
        if (!known.contains(args[i])) {
          throw new IllegalArgumentException("unknown option " + args[i]);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        values.put(args[i], args[i + 1]);
      }
    }

    String text(String name, String otherwise) {
      return values.getOrDefault(name, otherwise);
    }

    int integer(String name, int otherwise) {
      return parsed(name, otherwise, Integer::parseInt, "a whole number");
    }

    double number(String name, double otherwise) {
      return parsed(name, otherwise, Double::parseDouble, "a number");
    }

    private <T> T parsed(
        String name, T otherwise, java.util.function.Function<String, T> parse, String what) {
      String v = values.get(name);
      try {
        return v == null ? otherwise : parse.apply(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs " + what + ", not '" + v + "'");
      }
    }
  }

  /** A call of a function: POST with the key and a JSON body. */
  static HttpRequest request(
      String base, String function, String key, String json, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base + "/" + function))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  static Answer post(String base, String function, String key, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            request(base, function, key, json, Duration.ofMinutes(2)),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  static JsonNode check(Answer a) {
    if (a.status() != 200) {
      throw new IllegalStateException("the functions answered " + a.status() + ": " + a.body());
    }
    return a.body();
  }

  static String randomKey() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return "bench_" + HexFormat.of().formatHex(b);
  }

  /** Creates {@code run}, playing {@code size}x{@code size} boards. */
  static Answer createRun(String base, String admin, String run, int size) throws Exception {
    return post(
        base,
        "createRun",
        admin,
        "{\"run\":\"" + run + "\",\"curriculum\":\"*:" + size + ":800\"}");
  }

  /**
   * Releases a placeholder network for {@code run} (a 1-byte object: the backend never reads a
   * network's weights); returns its name.
   */
  static String placeholderNetwork(String base, LocalCloud cloud, String trainer, String run)
      throws Exception {
    String network = run + "-b6c96-s0-d0";
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key("networks/" + run + "/" + network + ".bin.gz"),
          RequestBody.fromBytes(new byte[] {1}));
    }
    check(
        post(
            base,
            "registerNetwork",
            trainer,
            "{\"run\":\""
                + run
                + "\",\"name\":\""
                + network
                + "\",\"sha256\":\""
                + "12".repeat(32)
                + "\",\"bytes\":1}"));
    return network;
  }

  /** Creates contributors {@code prefix0 .. prefix(n-1)}; returns their keys in that order. */
  static List<String> contributors(String base, String admin, String prefix, int n)
      throws Exception {
    List<String> keys = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      keys.add(
          check(post(base, "createContributor", admin, "{\"contributor\":\"" + prefix + w + "\"}"))
              .get("key")
              .asText());
    }
    return keys;
  }
}
