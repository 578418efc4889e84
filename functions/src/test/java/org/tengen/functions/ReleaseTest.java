package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class ReleaseTest {

  /** A rating task for the run's candidate. */
  private static JsonPath ratingTask(String worker, String run) {
    return TestApi.call(worker, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("rating"))
        .extract()
        .jsonPath();
  }

  /** The request reporting outcomes for a task's first games. */
  private static String report(String run, JsonPath task, List<String> outcomes) {
    StringBuilder games = new StringBuilder("[");
    for (int i = 0; i < outcomes.size(); i++) {
      games
          .append(i == 0 ? "" : ",")
          .append("{\"gameId\":\"")
          .append(task.getString("rating.games[" + i + "].gameId"))
          .append("\",\"outcome\":\"")
          .append(outcomes.get(i))
          .append("\"}");
    }
    return "{\"run\":\""
        + run
        + "\",\"taskId\":\""
        + task.getString("rating.taskId")
        + "\",\"games\":"
        + games
        + "]}";
  }

  private static List<String> repeat(String outcome, int n) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(outcome);
    }
    return list;
  }

  private static String newWorker(String name) {
    return TestApi.call(
            LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"" + name + "\"}")
        .statusCode(200)
        .extract()
        .path("key");
  }

  @Test
  void theSeedRuleReleasesACandidateThatGainsMoreThanTwentyElo() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel1\",\"releasePolicy\":\"seed:10:20:1000000\"}")
        .statusCode(200);
    String worker = newWorker("rater");
    String base = "rel1-b6c96-s0-d0";
    String cand = "rel1-b6c96-s256-d10";
    TestApi.registerNetwork("rel1", base);
    TestApi.registerNetwork("rel1", cand);

    JsonPath first = ratingTask(worker, "rel1");
    assertEquals(cand, first.getString("network.name"));
    assertEquals(base, first.getString("baseline.name"));
    // Colours alternate within a task and from one task to the next.
    List<String> colours = first.getList("rating.games.candidateColor");
    assertEquals(2, colours.size());
    assertNotEquals(colours.get(0), colours.get(1));
    JsonPath second = ratingTask(worker, "rel1");
    assertNotEquals(colours.get(0), second.getString("rating.games[0].candidateColor"));

    TestApi.call(worker, "recordMatchResult", report("rel1", first, repeat("win", 2)))
        .statusCode(200)
        .body("outcome", equalTo("CONTINUE"))
        .body("wins", equalTo(2));
    // A retried report is counted once.
    TestApi.call(worker, "recordMatchResult", report("rel1", first, repeat("win", 2)))
        .statusCode(200)
        .body("wins", equalTo(2));
    TestApi.call(worker, "recordMatchResult", report("rel1", second, repeat("win", 2)))
        .statusCode(200)
        .body("wins", equalTo(4));
    for (List<String> outcomes :
        List.of(List.of("win", "win"), List.of("win", "loss"), List.of("loss", "loss"))) {
      TestApi.call(
              worker, "recordMatchResult", report("rel1", ratingTask(worker, "rel1"), outcomes))
          .statusCode(200);
    }
    // 7 wins, 3 losses: p = 0.7, Elo +147 > +20 after 10 games: released.
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel1\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("outcome", equalTo("RELEASE"))
        .body("status", equalTo("RELEASED"))
        .body("wins", equalTo(7))
        .body("losses", equalTo(3));
    // No candidate is left: even a worker that prefers rating gets self-play, with the new net.
    TestApi.call(worker, "nextTask", "{\"run\":\"rel1\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("selfplay"))
        .body("network.name", equalTo(cand));
    TestApi.call(worker, "decideRelease", "{\"run\":\"rel1\",\"candidate\":\"" + cand + "\"}")
        .statusCode(403);
  }

  @Test
  void theMilestoneCountsStepsSinceTheLastReleaseNotMultiples() {
    String admin = LocalCloudResource.ADMIN_KEY;
    String trainer = LocalCloudResource.TRAINER_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel5\",\"releasePolicy\":\"seed:2:20:10000\"}")
        .statusCode(200);
    String worker = newWorker("milestone");
    String base = "rel5-b6c96-s3840000-d9000";
    String cand = "rel5-b6c96-s5120000-d12000";
    for (String[] n : new String[][] {{base, "15000"}, {cand, "20000"}}) {
      TestApi.putObject("networks/rel5/" + n[0] + ".bin.gz", new byte[] {1});
      TestApi.call(
              trainer,
              "registerNetwork",
              "{\"run\":\"rel5\",\"name\":\""
                  + n[0]
                  + "\",\"sha256\":\""
                  + "12".repeat(32)
                  + "\",\"bytes\":1,\"steps\":"
                  + n[1]
                  + "}")
          .statusCode(200);
    }
    // Two losses, Elo far below +20; step 20,000 is a multiple of 10,000 but only 5,000 steps
    // have passed since the current network (15,000): rejected.
    TestApi.call(
            worker,
            "recordMatchResult",
            report("rel5", ratingTask(worker, "rel5"), repeat("loss", 2)))
        .statusCode(200)
        .body("outcome", equalTo("REJECT"))
        .body("status", equalTo("REJECTED"));
  }

  @Test
  void theSprtRejectsAWeakCandidate() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel2\"}").statusCode(200);
    String worker = newWorker("rater2");
    TestApi.registerNetwork("rel2", "rel2-b6c96-s0-d0");
    TestApi.registerNetwork("rel2", "rel2-b6c96-s256-d10");
    String cand = "rel2-b6c96-s256-d10";
    // Wins and losses in a 2:3 rhythm: the SPRT (elo0 0, elo1 +20, 5%/5%) cannot decide within
    // the first 100 games, and has rejected by 250 (LLR -3.43 < -2.94 at 100:150, SprtTest's hand
    // figures).
    String last = "CONTINUE";
    int tasks = 0;
    while (last.equals("CONTINUE") && tasks < 125) {
      List<String> outcomes = tasks % 5 < 2 ? repeat("win", 2) : repeat("loss", 2);
      last =
          TestApi.call(
                  worker, "recordMatchResult", report("rel2", ratingTask(worker, "rel2"), outcomes))
              .statusCode(200)
              .extract()
              .path("outcome");
      tasks++;
    }
    assertTrue(tasks > 50, "decided after only " + tasks + " tasks");
    assertEquals("REJECT", last);
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel2\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("outcome", equalTo("REJECT"));
    // No more rating work for a rejected candidate.
    TestApi.call(worker, "nextTask", "{\"run\":\"rel2\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("selfplay"));
  }

  @Test
  void resultsAreTakenOnlyForGamesHandedOutToTheCaller() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel3\"}").statusCode(200);
    String worker = newWorker("rater3");
    String other = newWorker("rater4");
    TestApi.registerNetwork("rel3", "rel3-b6c96-s0-d0");
    TestApi.registerNetwork("rel3", "rel3-b6c96-s256-d10");
    JsonPath task = ratingTask(worker, "rel3");

    TestApi.call(other, "recordMatchResult", report("rel3", task, repeat("win", 2)))
        .statusCode(403)
        .body("code", equalTo("TASK_NOT_YOURS"));
    TestApi.call(
            worker,
            "recordMatchResult",
            "{\"run\":\"rel3\",\"taskId\":\"00000000000000000000000000000000\",\"games\":[]}")
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"));
    TestApi.call(
            worker,
            "recordMatchResult",
            "{\"run\":\"rel3\",\"taskId\":\"00000000000000000000000000000000\","
                + "\"games\":[{\"gameId\":\"x\",\"outcome\":\"win\"}]}")
        .statusCode(404)
        .body("code", equalTo("TASK_UNKNOWN"));
    String invented =
        report("rel3", task, List.of("win"))
            .replace(
                task.getString("rating.games[0].gameId"), task.getString("rating.taskId") + "-7");
    TestApi.call(worker, "recordMatchResult", invented)
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"));
    TestApi.call(worker, "recordMatchResult", report("rel3", task, List.of("tie")))
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"));
    // One game reported twice in one list, and more results than the task has games.
    String first = task.getString("rating.games[0].gameId");
    String twice =
        report("rel3", task, repeat("win", 2))
            .replace(task.getString("rating.games[1].gameId"), first);
    TestApi.call(worker, "recordMatchResult", twice)
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"))
        .body("message", org.hamcrest.Matchers.containsString("twice"));
    String three =
        report("rel3", task, repeat("win", 2))
            .replace("]}", ",{\"gameId\":\"" + first + "\",\"outcome\":\"win\"}]}");
    TestApi.call(worker, "recordMatchResult", three)
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"))
        .body("message", org.hamcrest.Matchers.containsString("of 2 games"));
    // Nothing of that was counted.
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel3\",\"candidate\":\"rel3-b6c96-s256-d10\"}")
        .statusCode(200)
        .body("wins", equalTo(0))
        .body("losses", equalTo(0));
  }

  @Test
  void aDisabledCandidateIsNotRated() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel4\"}").statusCode(200);
    String worker = newWorker("rater5");
    TestApi.registerNetwork("rel4", "rel4-b6c96-s0-d0");
    TestApi.registerNetwork("rel4", "rel4-b6c96-s256-d10");
    TestApi.call(worker, "disableNetwork", "{\"run\":\"rel4\",\"name\":\"rel4-b6c96-s256-d10\"}")
        .statusCode(403);
    TestApi.call(admin, "disableNetwork", "{\"run\":\"rel4\",\"name\":\"rel4-b6c96-s256-d10\"}")
        .statusCode(200)
        .body("enabled", equalTo(false));
    TestApi.call(admin, "disableNetwork", "{\"run\":\"rel4\",\"name\":\"rel4-b6c96-s9-d9\"}")
        .statusCode(404)
        .body("code", equalTo("NETWORK_UNKNOWN"));
    TestApi.call(worker, "nextTask", "{\"run\":\"rel4\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("selfplay"));
    // Disabling the current network stops work until another is released.
    TestApi.call(admin, "disableNetwork", "{\"run\":\"rel4\",\"name\":\"rel4-b6c96-s0-d0\"}")
        .statusCode(200);
    TestApi.call(worker, "nextTask", "{\"run\":\"rel4\"}")
        .statusCode(409)
        .body("code", equalTo("NETWORK_DISABLED"));
  }

  @Test
  void aCandidateDisabledWhileItsGamesArePlayedIsNeverReleased() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel7\",\"releasePolicy\":\"always:2\"}")
        .statusCode(200);
    String worker = newWorker("rater6");
    TestApi.registerNetwork("rel7", "rel7-b6c96-s0-d0");
    String cand = "rel7-b6c96-s256-d10";
    TestApi.registerNetwork("rel7", cand);
    JsonPath task = ratingTask(worker, "rel7");
    // Its games are in flight when an admin disables it; the no-gate rule would release it.
    TestApi.call(admin, "disableNetwork", "{\"run\":\"rel7\",\"name\":\"" + cand + "\"}")
        .statusCode(200);
    TestApi.call(worker, "recordMatchResult", report("rel7", task, repeat("win", 2)))
        .statusCode(200)
        .body("outcome", equalTo("REJECT"))
        .body("status", equalTo("REJECTED"));
    TestApi.call(worker, "nextTask", "{\"run\":\"rel7\"}")
        .statusCode(200)
        .body("network.name", equalTo("rel7-b6c96-s0-d0"));
  }

  @Test
  void anOlderCandidateIsSupersededWhenANewerOneIsReleased() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel8\",\"releasePolicy\":\"always:2\"}")
        .statusCode(200);
    String worker = newWorker("rater7");
    TestApi.registerNetwork("rel8", "rel8-b6c96-s0-d0");
    String older = "rel8-b6c96-s256-d10";
    String newer = "rel8-b6c96-s512-d20";
    TestApi.registerNetwork("rel8", older);
    TestApi.registerNetwork("rel8", newer);
    JsonPath task = ratingTask(worker, "rel8");
    assertEquals(newer, task.getString("network.name"), "the newest candidate is rated");
    TestApi.call(worker, "recordMatchResult", report("rel8", task, repeat("win", 2)))
        .statusCode(200)
        .body("status", equalTo("RELEASED"));
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel8\",\"candidate\":\"" + older + "\"}")
        .statusCode(200)
        .body("status", equalTo("SUPERSEDED"));
  }
}
