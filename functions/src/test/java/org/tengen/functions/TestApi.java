package org.tengen.functions;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** What the functions' tests share: calling a function, and reaching the local cloud's S3. */
final class TestApi {

  private TestApi() {}

  /** POSTs JSON to a function with a key. */
  static ValidatableResponse call(String key, String function, String json) {
    return given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + key)
        .body(json)
        .post("/" + function)
        .then();
  }

  /** An S3 client for the local cloud the functions under test use; close it. */
  static S3Client s3() {
    return S3Client.builder()
        .endpointOverride(
            URI.create(ConfigProvider.getConfig().getValue("tengen.s3-endpoint", String.class)))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    ConfigProvider.getConfig().getValue("tengen.access-key", String.class),
                    ConfigProvider.getConfig().getValue("tengen.secret-key", String.class))))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  static String bucket() {
    return ConfigProvider.getConfig().getValue("tengen.bucket", String.class);
  }

  static void putObject(String key, byte[] bytes) {
    try (S3Client s3 = s3()) {
      s3.putObject(p -> p.bucket(bucket()).key(key), RequestBody.fromBytes(bytes));
    }
  }

  /** Puts a one-byte network file in place and registers it with the trainer key. */
  static void registerNetwork(String run, String name) {
    putObject("networks/" + run + "/" + name + ".bin.gz", new byte[] {1});
    call(
            LocalCloudResource.TRAINER_KEY,
            "registerNetwork",
            "{\"run\":\""
                + run
                + "\",\"name\":\""
                + name
                + "\",\"sha256\":\""
                + "12".repeat(32)
                + "\",\"bytes\":1}")
        .statusCode(200);
  }

  /** Creates a contributor with the admin key; its key. */
  static String newContributor(String name) {
    return call(
            LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"" + name + "\"}")
        .statusCode(200)
        .extract()
        .path("key");
  }

  /** One accepted self-play upload of {@code n} random games of {@code network}. */
  static void upload(String worker, String run, String network, int n, long seed) throws Exception {
    io.restassured.path.json.JsonPath task =
        call(worker, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    put(
        task.getString("upload.url"),
        org.tengen.core.record.WireFormat.toGzippedJson(
            new org.tengen.core.record.GameBatch(1, run, network, randomGames(network, n, seed))));
    call(worker, "confirmUpload", "{\"uploadId\":\"" + task.getString("upload.uploadId") + "\"}")
        .statusCode(200)
        .body("outcome", org.hamcrest.Matchers.equalTo("ACCEPTED"));
  }

  /** Random 9x9 games with a uniform policy over legal moves: valid records. */
  static List<GameRecord> randomGames(String network, int n, long seed) {
    return randomGames(network, n, seed, Rules.chinese());
  }

  /** The same under other rules (komi included). */
  static List<GameRecord> randomGames(String network, int n, long seed, Rules rules) {
    return games(
        network,
        n,
        seed,
        rules,
        (legal, played, random) -> {
          float[] policy = new float[82];
          for (int p : legal) {
            policy[p] = 1f / legal.size();
          }
          return policy;
        });
  }

  /**
   * Random 9x9 games whose policies peak (half the weight) on one move: the move played, as a real
   * search's most visited move is, or, with {@code honest} false, another legal move, as made-up
   * policies do. Valid records either way.
   */
  static List<GameRecord> peakedGames(String network, int n, long seed, boolean honest) {
    return games(
        network,
        n,
        seed,
        Rules.chinese(),
        (legal, played, random) -> {
          int peak = played;
          if (!honest && legal.size() > 1) {
            do {
              peak = legal.get(random.nextInt(legal.size()));
            } while (peak == played);
          }
          float[] policy = new float[82];
          for (int p : legal) {
            policy[p] = legal.size() == 1 ? 1f : 0.5f / (legal.size() - 1);
          }
          policy[peak] = legal.size() == 1 ? 1f : 0.5f;
          return policy;
        });
  }

  /** A position's policy target from its legal moves (point indices, 81 the pass) and the move. */
  private interface PolicyRule {
    float[] policy(List<Integer> legal, int played, SplittableRandom random);
  }

  private static List<GameRecord> games(
      String network, int n, long seed, Rules rules, PolicyRule rule) {
    SplittableRandom random = new SplittableRandom(seed);
    List<GameRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Game game = new Game(9, rules);
      GameRecordBuilder builder = new GameRecordBuilder(network);
      int[] scratch = new int[81];
      while (!game.isOver()) {
        int move = Playout.randomMove(game, random, scratch);
        Board b = game.board();
        List<Integer> legal = new ArrayList<>();
        for (int p = 0; p < 81; p++) {
          int loc = b.locOfPoint(p);
          if (b.get(loc) == Board.EMPTY && game.isLegal(loc)) {
            legal.add(p);
          }
        }
        legal.add(81); // the pass
        builder.record(
            game, rule.policy(legal, move == Board.NONE ? 81 : b.pointIndex(move), random));
        game.playAssumeLegal(move);
      }
      out.add(builder.build(game));
    }
    return out;
  }

  /** PUTs a batch to a task's presigned upload URL. */
  static void put(String url, byte[] body) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(url))
                    .header("If-None-Match", "*")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PUT answered " + r.statusCode() + ": " + r.body());
    }
  }
}
