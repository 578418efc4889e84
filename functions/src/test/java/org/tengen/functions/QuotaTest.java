package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;

/** Per-contributor quotas answer 429 with the wait in Retry-After, and touch no one else. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
@TestProfile(QuotaTest.SmallQuotas.class)
class QuotaTest {

  public static class SmallQuotas implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tengen.quota.uploads-per-hour", "3",
          "tengen.quota.bytes-per-day", "1",
          "tengen.quota.rating-tasks-per-hour", "1",
          "tengen.quota.renewals-per-hour", "2",
          "tengen.quota.stats-per-hour", "2");
    }
  }

  private static final String RUN = "quota1";
  private static final String NET = "quota1-b6c96-s0-d0";

  private static String contributor(String name) {
    return TestApi.call(
            LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"" + name + "\"}")
        .statusCode(200)
        .extract()
        .path("key");
  }

  private static ExtractableResponse<Response> nextTask(String key) {
    return TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
        .extract();
  }

  private static long retryAfter(ExtractableResponse<Response> r) {
    return Long.parseLong(r.header("Retry-After"));
  }

  @Test
  void uploadsPerHourAndBytesPerDayAreCappedPerContributor() throws Exception {
    TestApi.call(
            LocalCloudResource.ADMIN_KEY,
            "createRun",
            "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    TestApi.registerNetwork(RUN, NET);
    String busy = contributor("busy");
    String calm = contributor("calm");

    // Three uploads an hour: the fourth task is refused until the hour is over.
    List<JsonPath> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ExtractableResponse<Response> r = nextTask(busy);
      assertEquals(200, r.statusCode(), r.asString());
      tasks.add(r.jsonPath());
    }
    ExtractableResponse<Response> refused = nextTask(busy);
    assertEquals(429, refused.statusCode(), refused.asString());
    assertEquals("QUOTA_UPLOADS", refused.path("code"));
    assertEquals(3, refused.<Integer>path("details.limit"));
    long wait = retryAfter(refused);
    assertTrue(wait >= 1 && wait <= 3600, "Retry-After " + wait);
    assertEquals(wait, refused.<Integer>path("details.retryAfterSeconds").longValue());
    // Someone else's quota is their own.
    assertEquals(200, nextTask(calm).statusCode());

    // One byte a day: the first confirm goes through and uses it up; the next confirm and the
    // next task wait for tomorrow, and the waiting upload stays pending, not lost.
    for (int i = 0; i < 2; i++) {
      TestApi.put(
          tasks.get(i).getString("upload.url"),
          WireFormat.toGzippedJson(
              new GameBatch(1, RUN, NET, TestApi.randomGames(NET, 1, 40 + i))));
    }
    TestApi.call(
            busy,
            "confirmUpload",
            "{\"uploadId\":\"" + tasks.get(0).getString("upload.uploadId") + "\"}")
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"));
    ExtractableResponse<Response> later =
        TestApi.call(
                busy,
                "confirmUpload",
                "{\"uploadId\":\"" + tasks.get(1).getString("upload.uploadId") + "\"}")
            .extract();
    assertEquals(429, later.statusCode(), later.asString());
    assertEquals("QUOTA_BYTES", later.path("code"));
    long untilTomorrow = retryAfter(later);
    assertTrue(untilTomorrow >= 1 && untilTomorrow <= 86_400, "Retry-After " + untilTomorrow);
    assertEquals("QUOTA_BYTES", nextTask(busy).path("code"));
    TestApi.call(
            busy,
            "renewUpload",
            "{\"uploadId\":\"" + tasks.get(1).getString("upload.uploadId") + "\"}")
        .statusCode(200);
    // The calm contributor has uploaded nothing: still welcome.
    assertEquals(200, nextTask(calm).statusCode());
  }

  private static void assertCallsQuota(ExtractableResponse<Response> r, String quota) {
    assertEquals(429, r.statusCode(), r.asString());
    assertEquals("QUOTA_CALLS", r.path("code"));
    assertEquals(quota, r.path("details.quota"));
    long wait = retryAfter(r);
    assertTrue(wait >= 1 && wait <= 3600, "Retry-After " + wait);
  }

  @Test
  void ratingTasksRenewalsAndStatsAreCappedPerContributor() {
    String run = "quota2";
    TestApi.call(
            LocalCloudResource.ADMIN_KEY,
            "createRun",
            "{\"run\":\"" + run + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    TestApi.registerNetwork(run, "quota2-b6c96-s0-d0");
    TestApi.registerNetwork(run, "quota2-b6c96-s2560-d100"); // a candidate: rating work exists
    String rater = contributor("rater");
    String prefer = "{\"run\":\"" + run + "\",\"prefer\":\"rating\"}";
    TestApi.call(rater, "nextTask", prefer).statusCode(200).body("kind", equalTo("rating"));
    assertCallsQuota(TestApi.call(rater, "nextTask", prefer).extract(), "rating");
    // Self-play is another quota: the rater still gets it, and when the server picks the work,
    // self-play instead of a 429 for rating work it was not asked for.
    TestApi.call(rater, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}")
        .statusCode(200);
    TestApi.call(rater, "nextTask", "{\"run\":\"" + run + "\"}")
        .statusCode(200)
        .body("kind", equalTo("selfplay"));

    String renewer = contributor("renewer");
    String uploadId =
        TestApi.call(renewer, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .extract()
            .path("upload.uploadId");
    String renew = "{\"uploadId\":\"" + uploadId + "\"}";
    for (int i = 0; i < 2; i++) {
      TestApi.call(renewer, "renewUpload", renew).statusCode(200);
    }
    assertCallsQuota(TestApi.call(renewer, "renewUpload", renew).extract(), "renewals");

    String reader = contributor("reader");
    String stats = "{\"run\":\"" + run + "\"}";
    for (int i = 0; i < 2; i++) {
      TestApi.call(reader, "stats", stats).statusCode(200);
    }
    assertCallsQuota(TestApi.call(reader, "stats", stats).extract(), "stats");
    // The operator's dashboard is not a contributor: no quota.
    for (int i = 0; i < 3; i++) {
      TestApi.call(LocalCloudResource.ADMIN_KEY, "stats", stats).statusCode(200);
    }
  }
}
