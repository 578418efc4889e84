package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;

/**
 * Four contributors upload valid games; one of them makes up its policies (the peak on another move
 * than the one played). stats flags it, and only it; once an admin disables it, the trainer is told
 * to leave its shards out.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class DataQualityFlagTest {

  private static final String RUN = "quality1";
  private static final String NET = "quality1-b6c96-s0-d0";

  @Test
  void aContributorWithMadeUpPoliciesIsFlaggedAndCanBeLeftOut() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    TestApi.registerNetwork(RUN, NET);
    Map<String, Boolean> honesty =
        new java.util.LinkedHashMap<>(
            Map.of("honest1", true, "honest2", true, "honest3", true, "faker", false));
    Map<String, String> keys = new java.util.HashMap<>();
    long seed = 100;
    for (Map.Entry<String, Boolean> c : honesty.entrySet()) {
      String key =
          TestApi.call(admin, "createContributor", "{\"contributor\":\"" + c.getKey() + "\"}")
              .statusCode(200)
              .extract()
              .path("key");
      keys.put(c.getKey(), key);
      for (int b = 0; b < 4; b++) {
        JsonPath t =
            TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
                .statusCode(200)
                .extract()
                .jsonPath();
        TestApi.put(
            t.getString("upload.url"),
            WireFormat.toGzippedJson(
                new GameBatch(
                    1, RUN, NET, TestApi.peakedGames(NET, 6, seed++ * 1000, c.getValue()))));
        TestApi.call(
                key, "confirmUpload", "{\"uploadId\":\"" + t.getString("upload.uploadId") + "\"}")
            .statusCode(200)
            .body("outcome", equalTo("ACCEPTED"));
      }
    }
    JsonPath stats =
        TestApi.call(admin, "stats", "{\"run\":\"" + RUN + "\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> quality = stats.getList("quality");
    assertEquals(4, quality.size(), quality.toString());
    for (Map<String, Object> q : quality) {
      boolean faker = q.get("contributor").equals("faker");
      assertEquals(faker, q.get("flagged"), q.toString());
      double z = ((Number) q.get("zPolicyAgreement")).doubleValue();
      assertTrue(faker ? z < -4 : Math.abs(z) < 4, q.toString());
      assertEquals(24, ((Number) q.get("games")).intValue());
    }
    assertEquals(
        List.of("faker"),
        stats.getList("contributors.findAll { it.flagged }.contributor", String.class));

    // A contributor sees the run's aggregates, and of the rows only its own.
    for (String who : List.of("honest1", "faker")) {
      JsonPath own =
          TestApi.call(keys.get(who), "stats", "{\"run\":\"" + RUN + "\"}")
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(List.of(who), own.getList("quality.contributor", String.class), who);
      assertEquals(List.of(who), own.getList("contributors.contributor", String.class), who);
      assertEquals(who.equals("faker"), own.getBoolean("contributors[0].flagged"), who);
      assertEquals(96, own.getInt("totals.games"), "the run's aggregates");
    }

    TestApi.call(LocalCloudResource.TRAINER_KEY, "trainingExclusions", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .body("contributors", org.hamcrest.Matchers.not(hasItem("faker")));
    TestApi.call(admin, "disableContributor", "{\"contributor\":\"faker\"}").statusCode(200);
    // The Lambda's role grants no Scan (FunctionsStack): the exclusions are read without one.
    FaultInjector.record();
    TestApi.call(LocalCloudResource.TRAINER_KEY, "trainingExclusions", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200);
    List<String> calls = FaultInjector.recorded();
    assertTrue(calls.stream().noneMatch(c -> c.endsWith(".Scan")), "a scan: " + calls);
    JsonPath excluded =
        TestApi.call(
                LocalCloudResource.TRAINER_KEY, "trainingExclusions", "{\"run\":\"" + RUN + "\"}")
            .statusCode(200)
            .body("run", equalTo(RUN))
            .extract()
            .jsonPath();
    assertTrue(excluded.getList("contributors").contains("faker"));
    assertFalse(excluded.getList("contributors").contains("honest1"));
    TestApi.call(admin, "trainingExclusions", "{\"run\":\"" + RUN + "\"}").statusCode(403);
    TestApi.call(LocalCloudResource.TRAINER_KEY, "trainingExclusions", "{\"run\":\"nope\"}")
        .statusCode(404);
  }
}
