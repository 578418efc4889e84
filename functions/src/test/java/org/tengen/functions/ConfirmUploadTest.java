package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.PositionRecord;
import org.tengen.core.record.WireFormat;
import org.tengen.core.shard.TrainingShard;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class ConfirmUploadTest {

  private static final String RUN = "up1";
  private static final String NET = "up1-b6c96-s0-d0";

  private static List<GameRecord> games(int n, long seed) {
    return TestApi.randomGames(NET, n, seed);
  }

  private static byte[] batch(List<GameRecord> games) {
    return WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, games));
  }

  private static JsonPath task(String worker) {
    return TestApi.call(worker, "nextTask", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void put(JsonPath task, byte[] body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(task.getString("upload.url")))
                    .header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  private static String confirm(String uploadId) {
    return "{\"uploadId\":\"" + uploadId + "\"}";
  }

  @Test
  void uploadsAreValidatedStoredAsDenseShardsAndIdempotent() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    String alice =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"alice\"}")
            .statusCode(200)
            .extract()
            .path("key");
    String bob =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"bob\"}")
            .statusCode(200)
            .extract()
            .path("key");
    TestApi.registerNetwork(RUN, NET);

    // Accepted: the shard is the run's first and numpy-style readable.
    List<GameRecord> games = games(3, 1);
    byte[] good = batch(games);
    JsonPath t1 = task(alice);
    TestApi.call(alice, "confirmUpload", confirm(t1.getString("upload.uploadId")))
        .statusCode(409)
        .body("code", equalTo("UPLOAD_MISSING"));
    put(t1, good);
    TestApi.call(bob, "confirmUpload", confirm(t1.getString("upload.uploadId")))
        .statusCode(403)
        .body("code", equalTo("UPLOAD_NOT_YOURS"));
    int positions = games.stream().mapToInt(g -> g.positions().size()).sum();
    TestApi.call(alice, "confirmUpload", confirm(t1.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("repeated", equalTo(false))
        .body("shard", equalTo("training_data/up1/games_00001.npz"))
        .body("games", equalTo(3))
        .body("positions", equalTo(positions));
    try (S3Client s3 = TestApi.s3()) {
      TrainingShard shard =
          TrainingShard.fromNpz(
              s3.getObjectAsBytes(
                      g -> g.bucket(TestApi.bucket()).key("training_data/up1/games_00001.npz"))
                  .asByteArray());
      assertEquals(positions, shard.rows());
      assertTrue(
          s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("sgf/up1/")).keyCount() >= 3);
    }
    // The same confirm again changes nothing and says so.
    TestApi.call(alice, "confirmUpload", confirm(t1.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("repeated", equalTo(true))
        .body("shard", equalTo("training_data/up1/games_00001.npz"));

    // The same content under another upload id is a duplicate.
    JsonPath t2 = task(alice);
    put(t2, good);
    TestApi.call(alice, "confirmUpload", confirm(t2.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("DUPLICATE"))
        .body("duplicateOf", equalTo(t1.getString("upload.uploadId")));

    // A broken batch is rejected with every reason and kept under rejected/.
    List<GameRecord> bad = new ArrayList<>(games(2, 2));
    GameRecord g0 = bad.get(0);
    List<PositionRecord> ps = new ArrayList<>(g0.positions());
    PositionRecord p5 = ps.get(5);
    ps.set(5, new PositionRecord(5, p5.board(), p5.policy(), 0.5, p5.score(), p5.ownership()));
    bad.set(0, new GameRecord(1, g0.rules(), g0.komi(), 9, NET, g0.moves(), g0.result(), ps));
    JsonPath t3 = task(alice);
    put(t3, batch(bad));
    TestApi.call(alice, "confirmUpload", confirm(t3.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("REJECTED"))
        .body("reasons.code", hasItem("VALUE_INVALID"));
    TestApi.call(alice, "confirmUpload", confirm(t3.getString("upload.uploadId")))
        .statusCode(200)
        .body("repeated", equalTo(true))
        .body("reasons.code", hasItem("VALUE_INVALID"))
        .body("reasons.path", hasItem("games[0].positions[5].value"));
    try (S3Client s3 = TestApi.s3()) {
      assertEquals(
          1,
          s3.listObjectsV2(
                  l ->
                      l.bucket(TestApi.bucket())
                          .prefix("rejected/alice/" + t3.getString("upload.uploadId")))
              .keyCount());
    }

    // A batch that outlived its URL gets a fresh one for the same upload; a finished upload none.
    JsonPath late = task(bob);
    JsonPath renewed =
        JsonPath.from(
            "{\"upload\":"
                + TestApi.call(bob, "renewUpload", confirm(late.getString("upload.uploadId")))
                    .statusCode(200)
                    .body("uploadId", equalTo(late.getString("upload.uploadId")))
                    .extract()
                    .asString()
                + "}");
    TestApi.call(alice, "renewUpload", confirm(late.getString("upload.uploadId")))
        .statusCode(403)
        .body("code", equalTo("UPLOAD_NOT_YOURS"));
    TestApi.call(bob, "renewUpload", confirm(t1.getString("upload.uploadId"))).statusCode(403);
    TestApi.call(alice, "renewUpload", confirm(t1.getString("upload.uploadId")))
        .statusCode(409)
        .body("code", equalTo("UPLOAD_FINISHED"));
    put(renewed, batch(games(1, 77)));
    TestApi.call(bob, "confirmUpload", confirm(late.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("shard", equalTo("training_data/up1/games_00002.npz"));

    // The next accepted upload takes the next number: no gap for the duplicate or the rejection.
    JsonPath t4 = task(bob);
    put(t4, batch(games(2, 3)));
    TestApi.call(bob, "confirmUpload", confirm(t4.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("shard", equalTo("training_data/up1/games_00003.npz"));

    // A network disabled after its task was handed out: the upload is rejected.
    JsonPath t5 = task(bob);
    put(t5, batch(games(2, 4)));
    TestApi.call(admin, "disableNetwork", "{\"run\":\"" + RUN + "\",\"name\":\"" + NET + "\"}")
        .statusCode(200);
    TestApi.call(bob, "confirmUpload", confirm(t5.getString("upload.uploadId")))
        .statusCode(200)
        .body("outcome", equalTo("REJECTED"))
        .body("reasons.code", hasItem("NETWORK_MISMATCH"));

    // The statistics count each verdict once, retries and all.
    JsonPath stats =
        TestApi.call(LocalCloudResource.ADMIN_KEY, "stats", "{\"run\":\"" + RUN + "\"}")
            .statusCode(200)
            .body("totals.accepted", equalTo(3))
            .body("totals.games", equalTo(6))
            .body("totals.rejected", equalTo(2))
            .body("totals.duplicates", equalTo(1))
            .body("networks[0].name", equalTo(NET))
            .body("networks[0].enabled", equalTo(false))
            .body("networks[0].selfPlayGames", equalTo(6))
            .extract()
            .jsonPath();
    assertEquals(
        List.of("alice", "bob"),
        stats.getList("contributors.contributor", String.class).stream().sorted().toList());
    assertEquals(
        stats.getInt("totals.positions"),
        stats.getList("contributors.positions", Integer.class).stream().mapToInt(i -> i).sum());
    // A contributor's own view: the same aggregates, its own row only.
    TestApi.call(bob, "stats", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .body("totals.accepted", equalTo(3))
        .body("contributors.contributor", equalTo(List.of("bob")));
    TestApi.call(alice, "stats", "{\"run\":\"nope\"}")
        .statusCode(404)
        .body("code", equalTo("RUN_UNKNOWN"));
    TestApi.call(LocalCloudResource.TRAINER_KEY, "stats", "{\"run\":\"" + RUN + "\"}")
        .statusCode(401);
  }

  @Test
  void hostileUploadsAreRejectedWithTheirReasonAndNothingElseChanges() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    String run = "hostile1";
    String net = "hostile1-b6c96-s0-d0";
    TestApi.call(admin, "createRun", "{\"run\":\"" + run + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    String eve =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"eve\"}")
            .statusCode(200)
            .extract()
            .path("key");
    TestApi.registerNetwork(run, net);

    // 300 MB of spaces gzip to about 300 KB: refused at the 256 MiB limit, never inflated whole.
    java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bomb)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 300; i++) {
        gz.write(spaces);
      }
    }
    Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
    hostile.put("DOCUMENT_TOO_LARGE", bomb.toByteArray());
    hostile.put("MALFORMED_GZIP", "{\"version\":1}".getBytes());
    // A batch for another run: the games are fine, the run is not the task's.
    hostile.put("RUN_MISMATCH", batch(games(1, 9)));
    for (Map.Entry<String, byte[]> e : hostile.entrySet()) {
      JsonPath t =
          TestApi.call(eve, "nextTask", "{\"run\":\"" + run + "\"}")
              .statusCode(200)
              .extract()
              .jsonPath();
      put(t, e.getValue());
      TestApi.call(eve, "confirmUpload", confirm(t.getString("upload.uploadId")))
          .statusCode(200)
          .body("outcome", equalTo("REJECTED"))
          .body("reasons.code", hasItem(e.getKey()));
    }
    TestApi.call(eve, "stats", "{\"run\":\"" + run + "\"}")
        .statusCode(200)
        .body("totals.rejected", equalTo(3))
        .body("totals.games", equalTo(0))
        .body("totals.shards", equalTo(0))
        .body("contributors[0].rejected", equalTo(3));
  }
}
