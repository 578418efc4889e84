package org.tengen.training;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkApi;
import org.tengen.core.api.NetworkApi.NetworkView;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.NetworkApi.RunRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import org.tengen.core.network.NetworkName;
import org.tengen.core.shard.TrainingShard;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The job's link to the deployment, when configured: shards read straight from S3 by prefix, and
 * the exported network put at {@code networks/{run}/{name}.bin.gz} and registered with the backend
 * ({@code registerNetwork}, trainer key from {@code TENGEN_TRAINER_KEY}). S3 credentials come from
 * the usual chain (the SageMaker role, or AWS_* variables for the local cloud).
 */
public final class Publisher implements AutoCloseable {

  /** Attempts of a backend call: a backend down for about a minute is waited out. */
  private static final int ATTEMPTS = 6;

  private final S3Client s3;
  private final String bucket;
  private final BackendClient backend;
  private final Consumer<String> log;

  private Publisher(S3Client s3, String bucket, BackendClient backend, Consumer<String> log) {
    this.s3 = s3;
    this.bucket = bucket;
    this.backend = backend;
    this.log = log;
  }

  /** A publisher when {@code s3_bucket} is set; empty otherwise (a purely local job). */
  public static Optional<Publisher> from(
      Hyperparameters h, Map<String, String> env, Consumer<String> log) {
    if (h.s3Bucket().isEmpty()) {
      return Optional.empty();
    }
    var builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(h.awsRegion()))
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(!h.s3Endpoint().isEmpty())
                    .build());
    if (!h.s3Endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(h.s3Endpoint()));
    }
    String key = env.get("TENGEN_TRAINER_KEY");
    if ((key == null || key.isBlank()) && !h.trainerKeySecret().isEmpty()) {
      try (SecretsManagerClient secrets =
          SecretsManagerClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(Region.of(h.awsRegion()))
              .build()) {
        key = secrets.getSecretValue(r -> r.secretId(h.trainerKeySecret())).secretString().strip();
      }
    }
    if (!h.backendUrl().isEmpty() && (key == null || key.isBlank())) {
      throw new Hyperparameters.Invalid(
          "backend_url is set, so TENGEN_TRAINER_KEY (or trainer_key_secret) must give the"
              + " trainer key");
    }
    return Optional.of(
        new Publisher(
            builder.build(),
            h.s3Bucket(),
            h.backendUrl().isEmpty()
                ? null
                : BackendClient.builder(URI.create(h.backendUrl()), key)
                    .backoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 7))
                    .warnings(log)
                    .build(),
            log));
  }

  /**
   * Downloads the newest shards under {@code prefix} into {@code dir} until the window's games or
   * rows are there (held-out shards count too: the split happens after).
   */
  public int fetchShards(String prefix, Path dir, Hyperparameters h)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Exclusions excluded = backend == null ? Exclusions.NONE : exclusions(h.run());
    int left = 0;
    List<S3Object> objects =
        newestFirst(s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents());
    long games = 0;
    long rows = 0;
    int fetched = 0;
    long maxRows = h.windowRows() > 0 ? h.windowRows() : Long.MAX_VALUE;
    long maxGames =
        h.windowRows() > 0 || h.window().equals("katago") ? Long.MAX_VALUE : h.numGames();
    for (S3Object o : objects) {
      if (games >= maxGames || rows >= maxRows) {
        break;
      }
      String name = o.key().substring(o.key().lastIndexOf('/') + 1);
      byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(bucket).key(o.key())).asByteArray();
      TrainingShard shard;
      try {
        shard = TrainingShard.fromNpz(bytes);
      } catch (IOException | RuntimeException e) {
        shard = null; // kept: the loader skips it with its reason
      }
      if (shard != null && excluded.covers(shard)) {
        left++;
        continue;
      }
      Files.write(dir.resolve(name), bytes);
      fetched++;
      if (shard != null) {
        rows += shard.rows();
        games += java.util.Arrays.stream(shard.gameIndex()).max().orElse(-1) + 1;
      }
    }
    log.accept("fetched " + fetched + " shard(s) from s3://" + bucket + "/" + prefix);
    if (left > 0) {
      log.accept(
          "left out "
              + left
              + " shard(s) of disabled contributors "
              + excluded.contributors()
              + " or networks "
              + excluded.networks());
    }
    return fetched;
  }

  /**
   * The shards among {@code objects}, newest (highest number) first. By number, not by key: keys
   * have at least five digits, so past games_99999 the text order would put the newest last.
   */
  static List<S3Object> newestFirst(Iterable<S3Object> objects) {
    record Numbered(long number, S3Object object) {}
    List<Numbered> shards = new ArrayList<>();
    for (S3Object o : objects) {
      StorageLayout.parseShard(o.key()).ifPresent(k -> shards.add(new Numbered(k.number(), o)));
    }
    shards.sort(Comparator.comparingLong(Numbered::number).reversed());
    return shards.stream().map(Numbered::object).toList();
  }

  /** Whose shards the trainer leaves out: disabled contributors and networks of the run. */
  public record Exclusions(java.util.Set<String> contributors, java.util.Set<String> networks) {
    public static final Exclusions NONE = new Exclusions(java.util.Set.of(), java.util.Set.of());

    boolean covers(TrainingShard shard) {
      return contributors.contains(shard.contributor()) || networks.contains(shard.network());
    }
  }

  /** Asks the backend (trainingExclusions) whose shards to leave out; fails when it cannot say. */
  Exclusions exclusions(String run) throws IOException, InterruptedException {
    NetworkApi.Exclusions answer;
    try {
      answer = backend.call(Endpoints.TRAINING_EXCLUSIONS, new RunRequest(run), ATTEMPTS);
    } catch (IOException e) {
      throw new IOException(
          "the backend did not say whose shards to leave out, so none were fetched:"
              + " trainingExclusions: "
              + e.getMessage(),
          e);
    }
    return new Exclusions(
        new java.util.TreeSet<>(answer.contributors()), new java.util.TreeSet<>(answer.networks()));
  }

  /**
   * Downloads the run's newest network (most samples) from {@code networks/{run}/} into {@code
   * dir}, and the optimizer state its job left into {@code stateDir} when there is one (a run's
   * first network, or one made before states were kept, has none); returns the network's name, or
   * empty when the run has none yet.
   */
  public Optional<NetworkName> fetchLatestNetwork(String run, Path dir, Path stateDir)
      throws IOException {
    String prefix = StorageLayout.NETWORKS + run + "/";
    NetworkName best = null;
    String bestKey = null;
    for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents()) {
      String file = o.key().substring(prefix.length());
      if (!file.endsWith(NetworkName.EXTENSION)) {
        continue;
      }
      try {
        NetworkName n =
            NetworkName.parse(file.substring(0, file.length() - NetworkName.EXTENSION.length()));
        if (best == null || n.compareTo(best) > 0) {
          best = n;
          bestKey = o.key();
        }
      } catch (IllegalArgumentException e) {
        log.accept("ignoring " + o.key() + ": " + e.getMessage());
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Files.createDirectories(dir);
    String key = bestKey;
    Files.write(
        dir.resolve(best + NetworkName.EXTENSION),
        s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
    log.accept("continuing from the run's newest network " + best);
    fetchOptimizerState(best, stateDir);
    return Optional.of(best);
  }

  private void fetchOptimizerState(NetworkName network, Path stateDir) throws IOException {
    String key = StorageLayout.optimizerState(new RunId(network.run()), network);
    try {
      byte[] state = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
      Files.createDirectories(stateDir);
      Files.write(stateDir.resolve(OptimizerState.fileName(network)), state);
      log.accept("fetched the optimizer state s3://" + bucket + "/" + key);
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      log.accept("no optimizer state for " + network + " at s3://" + bucket + "/" + key);
    }
  }

  /**
   * Puts the optimizer state (when given) and the network in S3, then registers the network; a
   * network registered before is fine. The state goes first, so that a registered network always
   * has it.
   */
  public void publish(
      Path file, NetworkName name, String sha256, String parent, long jobSteps, Path state)
      throws IOException, InterruptedException {
    if (state != null) {
      String stateKey = StorageLayout.optimizerState(new RunId(name.run()), name);
      s3.putObject(p -> p.bucket(bucket).key(stateKey), RequestBody.fromFile(state));
      log.accept("uploaded s3://" + bucket + "/" + stateKey);
    }
    byte[] bytes = Files.readAllBytes(file);
    String key = StorageLayout.network(new RunId(name.run()), name);
    s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    log.accept("uploaded s3://" + bucket + "/" + key);
    if (backend == null) {
      return;
    }
    RegisterNetworkRequest register =
        RegisterNetworkRequest.trained(
            name.run(), name.toString(), sha256, bytes.length, parent, jobSteps);
    try {
      NetworkView answer = backend.call(Endpoints.REGISTER_NETWORK, register, ATTEMPTS);
      log.accept("registered " + name + " with the backend: " + answer.status());
    } catch (BackendClient.Refused e) {
      if (e.code() != ErrorCode.NETWORK_EXISTS) {
        throw new IOException("registerNetwork refused " + name + ": " + e.getMessage(), e);
      }
      log.accept("the backend knows " + name + " already");
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
