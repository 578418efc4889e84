package org.tengen.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.RandomGames;
import org.tengen.core.record.WireFormat;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class ConcurrentConfirmTest {

  private static final String RUN = "conc1";
  private static final String NET = "conc1-b6c96-s0-d0";

  private static byte[] oneGameBatch(long seed) {
    GameRecord game = RandomGames.play(9, Rules.chinese(), NET, seed);
    return WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, List.of(game)));
  }

  private static String post(String key, String function, String json) {
    return TestApi.call(key, function, json).statusCode(200).extract().asString();
  }

  @Test
  void sixtyFourParallelConfirmsWithDuplicatesLeaveDenseUniqueShards() throws Exception {
    var config = ConfigProvider.getConfig();
    String bucket = config.getValue("tengen.bucket", String.class);
    String admin = LocalCloudResource.ADMIN_KEY;
    post(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:8\"}");
    List<String> keys = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      keys.add(
          JsonPath.from(post(admin, "createContributor", "{\"contributor\":\"conc" + c + "\"}"))
              .getString("key"));
    }
    TestApi.registerNetwork(RUN, NET);
    try (S3Client s3 = TestApi.s3()) {
      // 48 distinct batches; 16 more uploads repeat one of them under a new id.
      List<byte[]> distinct = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        distinct.add(oneGameBatch(1000 + i));
      }
      HttpClient http = HttpClient.newHttpClient();
      List<String[]> uploads = new ArrayList<>(); // contributor key, upload id
      for (int i = 0; i < 64; i++) {
        String key = keys.get(i % 4);
        JsonPath task = JsonPath.from(post(key, "nextTask", "{\"run\":\"" + RUN + "\"}"));
        byte[] body = distinct.get(i < 48 ? i : (i - 48) * 3);
        HttpResponse<String> put =
            http.send(
                HttpRequest.newBuilder(URI.create(task.getString("upload.url")))
                    .header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        uploads.add(new String[] {key, task.getString("upload.uploadId")});
      }

      String base = "http://localhost:" + config.getValue("quarkus.http.test-port", Integer.class);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<JsonNode>> results = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (String[] u : uploads) {
        results.add(
            pool.submit(
                () -> {
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(URI.create(base + "/confirmUpload"))
                              .header("Authorization", "Bearer " + u[0])
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "{\"uploadId\":\"" + u[1] + "\"}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  assertEquals(200, r.statusCode(), r.body());
                  return json.readTree(r.body());
                }));
      }
      int accepted = 0;
      int duplicates = 0;
      Set<String> shards = new TreeSet<>();
      for (Future<JsonNode> f : results) {
        JsonNode r = f.get();
        switch (r.get("outcome").asText()) {
          case "ACCEPTED" -> {
            accepted++;
            assertEquals(true, shards.add(r.get("shard").asText()), "a shard given twice");
          }
          case "DUPLICATE" -> duplicates++;
          default -> throw new AssertionError("unexpected " + r);
        }
      }
      pool.shutdown();
      assertEquals(48, accepted);
      assertEquals(16, duplicates);
      Set<String> expected = new TreeSet<>();
      for (int n = 1; n <= 48; n++) {
        expected.add(String.format("training_data/%s/games_%05d.npz", RUN, n));
      }
      assertEquals(expected, shards, "dense numbering from 1, no gap");
      Set<String> stored = new TreeSet<>();
      for (S3Object o :
          s3.listObjectsV2Paginator(
                  l -> l.bucket(bucket).prefix("training_data/" + RUN + "/games_"))
              .contents()) {
        stored.add(o.key());
      }
      assertEquals(expected, stored, "exactly these shard files exist");
    }

    // Counted exactly once each: 48 one-game batches, 16 duplicates, 16 tasks per contributor.
    JsonPath stats = JsonPath.from(post(admin, "stats", "{\"run\":\"" + RUN + "\"}"));
    assertEquals(48, stats.getInt("totals.games"));
    assertEquals(48, stats.getInt("totals.accepted"));
    assertEquals(16, stats.getInt("totals.duplicates"));
    assertEquals(0, stats.getInt("totals.rejected"));
    assertEquals(48, stats.getLong("totals.shards"));
    // (one day, unless the test ran across midnight UTC)
    List<Integer> dayGames = stats.getList("days.games", Integer.class);
    List<Integer> dayPositions = stats.getList("days.positions", Integer.class);
    assertEquals(48, dayGames.stream().mapToInt(Integer::intValue).sum());
    assertEquals(
        stats.getInt("totals.positions"), dayPositions.stream().mapToInt(Integer::intValue).sum());
    assertEquals(4, stats.getList("contributors").size());
    int games = 0;
    int lastHour = 0;
    for (int c = 0; c < 4; c++) {
      assertEquals(16, stats.getInt("contributors[" + c + "].tasks"));
      games += stats.getInt("contributors[" + c + "].games");
      lastHour += stats.getInt("contributors[" + c + "].gamesLastHour");
    }
    assertEquals(48, games);
    assertEquals(48, lastHour);
    assertEquals(NET, stats.getString("networks[0].name"));
    assertEquals(48, stats.getInt("networks[0].selfPlayGames"));
  }
}
