package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.network.NetworkName;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job against the real backend, as the scheduled training runs it: shards read from S3 by
 * prefix, the run's newest network fetched to continue from, the trained network put in S3 and
 * registered as the run's candidate; shards of disabled contributors left out.
 */
class PublishTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTrainedNetworkIsUploadedAndRegisteredAsACandidate(@TempDir Path dir) throws Exception {
    Path jar = FunctionsProcess.defaultJar();
    Assumptions.assumeTrue(
        Files.isRegularFile(jar),
        "the packaged functions are missing at " + jar + " (a reactor build packages them first)");
    List<byte[]> shards = SelfPlayShards.get();
    try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory());
        FunctionsProcess functions = new FunctionsProcess(jar, cloud, "adm", "trn").start();
        S3Client s3 = cloud.s3()) {
      functions.awaitReady(Duration.ofMinutes(2));
      post(functions, "adm", "createRun", "{\"run\":\"tp\",\"curriculum\":\"*:7:16\"}");
      Path first = dir.resolve("tp-b1c16-s0-d0.bin.gz");
      try (Network net = Network.random(NetworkName.parse("tp-b1c16-s0-d0"), 2, Device.cpu())) {
        NetworkFile.save(net, first);
      }
      byte[] bytes = Files.readAllBytes(first);
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key("networks/tp/tp-b1c16-s0-d0.bin.gz"),
          RequestBody.fromBytes(bytes));
      post(
          functions,
          "trn",
          "registerNetwork",
          "{\"run\":\"tp\",\"name\":\"tp-b1c16-s0-d0\",\"sha256\":\""
              + NetworkFile.sha256(bytes)
              + "\",\"bytes\":"
              + bytes.length
              + "}");
      // Two shards come from a contributor an admin disabled: the trainer leaves them out.
      post(functions, "adm", "createContributor", "{\"contributor\":\"badguy\"}");
      post(functions, "adm", "disableContributor", "{\"contributor\":\"badguy\"}");
      for (int i = 0; i < shards.size(); i++) {
        byte[] shard =
            i % 6 == 5
                ? org.tengen.core.shard.TrainingShard.fromNpz(shards.get(i))
                    .withContributor("badguy")
                    .toNpz()
                : shards.get(i);
        String key = String.format("training_data/tp/games_%05d.npz", i + 1);
        s3.putObject(p -> p.bucket(cloud.bucket()).key(key), RequestBody.fromBytes(shard));
      }

      MlPaths paths = new MlPaths(dir.resolve("ml"));
      Files.createDirectories(paths.hyperparameters().getParent());
      Files.writeString(
          paths.hyperparameters(),
          JSON.writeValueAsString(
              Map.of(
                  "run", "tp",
                  "steps", "20",
                  "batch_size", "32",
                  "checkpoint_every", "10",
                  "s3_bucket", cloud.bucket(),
                  "s3_endpoint", cloud.s3Endpoint().toString(),
                  "s3_train_prefix", "training_data/tp/",
                  "backend_url", functions.baseUri().toString(),
                  "continue_from_latest", "true")));
      System.setProperty("aws.accessKeyId", LocalCloud.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", LocalCloud.SECRET_KEY);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          TrainMain.run(
              new String[] {"train", "--ml-root", paths.root().toString(), "--device", "cpu"},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              Map.of("TENGEN_TRAINER_KEY", "trn"));
      String log = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, log);
      assertTrue(log.contains("fetched 10 shard(s)"), log);
      assertTrue(
          log.contains("left out 2 shard(s) of disabled contributors [badguy] or networks []"),
          log);
      assertTrue(log.contains("continuing from the run's newest network tp-b1c16-s0-d0"), log);
      assertTrue(log.contains("starting from tp-b1c16-s0-d0"), log);

      JsonNode stats = post(functions, "adm", "stats", "{\"run\":\"tp\"}");
      JsonNode trained = null;
      for (JsonNode n : stats.get("networks")) {
        if (n.get("name").asText().startsWith("tp-b1c16-s640-d")) {
          trained = n;
        }
      }
      assertTrue(trained != null, stats.toString());
      assertEquals("CANDIDATE", trained.get("status").asText());
      assertEquals("tp-b1c16-s0-d0", trained.get("parent").asText());
      // The job's 20 steps on top of the first network's 0, whatever the batch size (samples / 256
      // would say 2 at batch 32).
      assertEquals(20, trained.get("steps").asLong(), trained.toString());
      String name = trained.get("name").asText();
      assertTrue(
          s3.headObject(h -> h.bucket(cloud.bucket()).key("networks/tp/" + name + ".bin.gz"))
                  .contentLength()
              > 0);
      assertTrue(log.contains("no optimizer state for tp-b1c16-s0-d0"), log);
      // The optimizer state is kept beside the checkpoints, and the next job carries it on.
      String stateKey = "checkpoints/tp/optimizer/" + name + ".state.gz";
      assertTrue(
          s3.headObject(h -> h.bucket(cloud.bucket()).key(stateKey)).contentLength() > 0, stateKey);
      MlPaths again = new MlPaths(dir.resolve("ml2"));
      Files.createDirectories(again.hyperparameters().getParent());
      Files.copy(paths.hyperparameters(), again.hyperparameters());
      ByteArrayOutputStream out2 = new ByteArrayOutputStream();
      int code2 =
          TrainMain.run(
              new String[] {"train", "--ml-root", again.root().toString(), "--device", "cpu"},
              new PrintStream(out2, true, StandardCharsets.UTF_8),
              Map.of("TENGEN_TRAINER_KEY", "trn"));
      String log2 = out2.toString(StandardCharsets.UTF_8);
      assertEquals(0, code2, log2);
      assertTrue(log2.contains("fetched the optimizer state s3://"), log2);
      assertTrue(log2.contains("carrying on the optimizer of the job that made " + name), log2);
    }
  }

  private static JsonNode post(FunctionsProcess f, String key, String function, String json)
      throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(f.baseUri().resolve("/" + function))
                    .header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), function + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
