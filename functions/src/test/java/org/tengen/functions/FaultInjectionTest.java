package org.tengen.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.PositionRecord;
import org.tengen.core.record.WireFormat;
import org.tengen.core.shard.TrainingShard;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 and DynamoDB fail at each step of confirmUpload and decideRelease, before a call is sent,
 * after it succeeded, and by answering too slowly, so that the SDK's attempt timeout abandons a
 * call the service did and the SDK sends it again ({@link FaultInjector}); where the call fails in
 * the end, the caller is told to repeat (503 with Retry-After) and does. In the end every upload is
 * accepted once or rejected, with its shard, its SGF, its counters and nothing left behind, and a
 * release is decided once.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
@TestProfile(FaultInjectionTest.ShortTimeouts.class)
class FaultInjectionTest {

  /** An attempt timeout that a {@link FaultInjector.Mode#SLOW} answer overruns. */
  public static class ShortTimeouts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // Publishing the public pages is best effort and adds calls to every step: left out here.
      return Map.of(
          "tengen.aws.attempt-timeout",
          "PT1S",
          "tengen.aws.call-timeout",
          "PT10S",
          "tengen.public-pages",
          "false");
    }
  }

  private static final String RUN = "fault1";
  private static final String NET = "fault1-b6c96-s0-d0";

  @AfterEach
  void disarm() {
    FaultInjector.disarm();
  }

  private static JsonPath task(String key) {
    return TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static ExtractableResponse<Response> confirm(String key, String uploadId) {
    return TestApi.call(key, "confirmUpload", "{\"uploadId\":\"" + uploadId + "\"}").extract();
  }

  /** A batch of one game; with {@code broken}, one value is 0.5 (rejected). */
  private static byte[] batch(long seed, boolean broken) {
    GameRecord g = TestApi.randomGames(NET, 1, seed).get(0);
    if (broken) {
      List<PositionRecord> ps = new ArrayList<>(g.positions());
      PositionRecord p = ps.get(3);
      ps.set(3, new PositionRecord(3, p.board(), p.policy(), 0.5, p.score(), p.ownership()));
      g = new GameRecord(1, g.rules(), g.komi(), 9, NET, g.moves(), g.result(), ps);
    }
    return WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, List.of(g)));
  }

  /**
   * Confirms with the k-th storage call failing; then repeats, as a worker does, until answered.
   * Returns the outcome.
   */
  private static String confirmThroughFault(
      String key, String uploadId, int k, FaultInjector.Mode mode) {
    FaultInjector.arm(k, mode);
    ExtractableResponse<Response> first = confirm(key, uploadId);
    FaultInjector.disarm();
    String fired = FaultInjector.fired();
    assertNotNull(fired, "call " + k + " (" + mode + ") was made to fail");
    if (mode == FaultInjector.Mode.SLOW) {
      assertTrue(fired.endsWith("abandoned by the attempt timeout)"), fired);
    }
    if (first.statusCode() != 200) {
      assertEquals(503, first.statusCode(), fired + ": " + first.asString());
      assertTrue(
          List.of("STORAGE_UNAVAILABLE", "AUTH_UNAVAILABLE").contains(first.<String>path("code")),
          fired + ": " + first.asString());
      assertEquals("2", first.header("Retry-After"), fired);
    }
    ExtractableResponse<Response> again = confirm(key, uploadId);
    assertEquals(200, again.statusCode(), fired + ", repeated: " + again.asString());
    if (first.statusCode() == 200) {
      assertEquals(first.<String>path("outcome"), again.path("outcome"), fired);
    }
    return again.path("outcome");
  }

  @Test
  void everyStepOfConfirmUploadCanFailAndARepeatFinishesItExactlyOnce() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    String key =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"faulty\"}")
            .statusCode(200)
            .extract()
            .path("key");
    TestApi.registerNetwork(RUN, NET);

    long seed = 1000;
    int accepted = 0;
    int rejected = 0;
    int positions = 0;
    for (boolean broken : new boolean[] {false, true}) {
      // A clean confirm shows the calls to aim at (after a first one: an instance that claimed a
      // shard number before starts from it without reading the counter).
      JsonPath warm = task(key);
      TestApi.put(warm.getString("upload.url"), batch(seed++, broken));
      ExtractableResponse<Response> first = confirm(key, warm.getString("upload.uploadId"));
      assertEquals(200, first.statusCode(), first.asString());
      if (broken) {
        rejected++;
      } else {
        accepted++;
        positions += first.<Integer>path("positions");
      }
      // Recorded twice: a stray call of another thread (seen on loaded CI machines) would make
      // one recording longer than the confirm, and the last step would never be reached.
      List<String> calls = null;
      for (int recording = 0; recording < 2; recording++) {
        JsonPath t = task(key);
        TestApi.put(t.getString("upload.url"), batch(seed++, broken));
        FaultInjector.record();
        ExtractableResponse<Response> clean = confirm(key, t.getString("upload.uploadId"));
        List<String> recorded = FaultInjector.recorded();
        System.out.println(
            "storage calls of a clean "
                + (broken ? "rejecting" : "accepting")
                + " confirm: "
                + FaultInjector.recordedWithThreads());
        assertEquals(200, clean.statusCode(), clean.asString());
        assertEquals(broken ? "REJECTED" : "ACCEPTED", clean.path("outcome"));
        assertTrue(recorded.size() >= (broken ? 8 : 10), recorded.toString());
        if (calls == null || recorded.size() < calls.size()) {
          calls = recorded;
        }
        if (broken) {
          rejected++;
        } else {
          accepted++;
          positions += clean.<Integer>path("positions");
        }
      }
      for (FaultInjector.Mode mode : FaultInjector.Mode.values()) {
        for (int k = 0; k < calls.size(); k++) {
          JsonPath task = task(key);
          TestApi.put(task.getString("upload.url"), batch(seed++, broken));
          String outcome = confirmThroughFault(key, task.getString("upload.uploadId"), k, mode);
          assertEquals(broken ? "REJECTED" : "ACCEPTED", outcome, calls.get(k) + " " + mode);
          if (broken) {
            rejected++;
          } else {
            accepted++;
            positions += confirm(key, task.getString("upload.uploadId")).<Integer>path("positions");
          }
        }
      }
    }

    // Counters, shards, SGF and the uploaded objects agree exactly.
    TestApi.call(key, "stats", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .body("totals.accepted", org.hamcrest.Matchers.equalTo(accepted))
        .body("totals.games", org.hamcrest.Matchers.equalTo(accepted))
        .body("totals.positions", org.hamcrest.Matchers.equalTo(positions))
        .body("totals.rejected", org.hamcrest.Matchers.equalTo(rejected))
        .body("totals.shards", org.hamcrest.Matchers.equalTo(accepted));
    try (S3Client s3 = TestApi.s3()) {
      List<String> shards = keys(s3, "training_data/" + RUN + "/");
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= accepted; n++) {
        expected.add(String.format("training_data/%s/games_%05d.npz", RUN, n));
      }
      assertEquals(expected, shards, "one shard per accepted upload, numbered densely");
      long rows = 0;
      for (String shard : shards) {
        rows +=
            TrainingShard.fromNpz(
                    s3.getObjectAsBytes(g -> g.bucket(TestApi.bucket()).key(shard)).asByteArray())
                .rows();
      }
      assertEquals(positions, rows, "the shards hold exactly the counted positions");
      assertEquals(accepted, keys(s3, "sgf/" + RUN + "/").size(), "one SGF per accepted game");
      assertEquals(rejected, keys(s3, "rejected/faulty/").size(), "every rejection kept");
      assertEquals(List.of(), keys(s3, "incoming/faulty/"), "nothing left in incoming/");
    }
  }

  /** The request reporting a rating task's two games. */
  private static String report(String run, JsonPath task, String first, String second) {
    return Ratings.report(run, task, List.of(first, second));
  }

  /**
   * A run whose candidate wins 8 of 10 games under the seed's rule (+20 Elo after 10 games): the
   * report of the last two games decides, and is the call made to fail at each step in turn.
   */
  @Test
  void everyStepOfAReleaseDecisionCanFailAndItIsDecidedOnce() {
    String admin = LocalCloudResource.ADMIN_KEY;
    String rater =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"faulty-rater\"}")
            .statusCode(200)
            .extract()
            .path("key");
    // A second rater: one contributor's games alone count for nothing (ContributorSpread).
    String helper =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"faulty-rater-2\"}")
            .statusCode(200)
            .extract()
            .path("key");
    // Trials 0 and 1 record a clean deciding report (the shorter recording counts: a stray call of
    // another thread may lengthen one); each later trial fails one call of it in one way.
    List<String> calls = null;
    for (int trial = 0;
        trial < 2 || trial < 2 + FaultInjector.Mode.values().length * calls.size();
        trial++) {
      String run = "relfault" + trial;
      String base = run + "-b6c96-s0-d0";
      String cand = run + "-b6c96-s256-d10";
      TestApi.call(
              admin,
              "createRun",
              "{\"run\":\"" + run + "\",\"releasePolicy\":\"seed:10:20:1000000\"}")
          .statusCode(200);
      TestApi.registerNetwork(run, base);
      TestApi.registerNetwork(run, cand);
      String[][] reports = {
        {"win", "win"}, {"win", "win"}, {"win", "win"}, {"win", "loss"}, {"win", "loss"}
      };
      for (int i = 0; i < 4; i++) {
        String who = i % 2 == 0 ? rater : helper;
        JsonPath t = ratingTask(who, run);
        TestApi.call(who, "recordMatchResult", report(run, t, reports[i][0], reports[i][1]))
            .statusCode(200)
            .body("outcome", org.hamcrest.Matchers.equalTo("CONTINUE"));
      }
      JsonPath last = ratingTask(rater, run);
      String body = report(run, last, "win", "loss");
      String fired = "nothing (the clean run)";
      if (trial < 2) {
        FaultInjector.record();
        TestApi.call(rater, "recordMatchResult", body).statusCode(200);
        List<String> recorded = FaultInjector.recorded();
        System.out.println(
            "storage calls of a deciding report: " + FaultInjector.recordedWithThreads());
        assertTrue(recorded.contains("DynamoDb.TransactWriteItems"), recorded.toString());
        if (calls == null || recorded.size() < calls.size()) {
          calls = recorded;
        }
      } else {
        int k = (trial - 2) % calls.size();
        FaultInjector.Mode mode = FaultInjector.Mode.values()[(trial - 2) / calls.size()];
        FaultInjector.arm(k, mode);
        ExtractableResponse<Response> first =
            TestApi.call(rater, "recordMatchResult", body).extract();
        FaultInjector.disarm();
        fired = FaultInjector.fired();
        assertNotNull(fired, "call " + k + " (" + mode + ") was made to fail");
        if (mode == FaultInjector.Mode.SLOW) {
          assertTrue(fired.endsWith("abandoned by the attempt timeout)"), fired);
        }
        assertTrue(
            first.statusCode() == 200 || first.statusCode() == 503,
            fired + ": " + first.asString());
        TestApi.call(rater, "recordMatchResult", body).statusCode(200);
      }
      // Decided once: released, the run moved on to it, the games counted once.
      String decidedAt =
          TestApi.call(
                  admin,
                  "decideRelease",
                  "{\"run\":\"" + run + "\",\"candidate\":\"" + cand + "\"}")
              .statusCode(200)
              .body("status", org.hamcrest.Matchers.equalTo("RELEASED"))
              .body("wins", org.hamcrest.Matchers.equalTo(8))
              .body("losses", org.hamcrest.Matchers.equalTo(2))
              .extract()
              .path("candidate");
      assertEquals(cand, decidedAt, fired);
      TestApi.call(rater, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"rating\"}")
          .statusCode(200)
          .body("kind", org.hamcrest.Matchers.equalTo("selfplay"))
          .body("network.name", org.hamcrest.Matchers.equalTo(cand));
      TestApi.call(rater, "stats", "{\"run\":\"" + run + "\"}")
          .statusCode(200)
          .body(
              "networks.find { it.name == '" + cand + "' }.status",
              org.hamcrest.Matchers.equalTo("RELEASED"))
          .body(
              "networks.find { it.name == '" + base + "' }.status",
              org.hamcrest.Matchers.not(org.hamcrest.Matchers.equalTo("CANDIDATE")));
    }
  }

  private static JsonPath ratingTask(String key, String run) {
    return TestApi.call(key, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", org.hamcrest.Matchers.equalTo("rating"))
        .extract()
        .jsonPath();
  }

  private static List<String> keys(S3Client s3, String prefix) {
    return new ArrayList<>(
        new TreeSet<>(
            s3
                .listObjectsV2Paginator(l -> l.bucket(TestApi.bucket()).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList()));
  }
}
