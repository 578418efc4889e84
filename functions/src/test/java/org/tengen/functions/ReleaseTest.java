package org.tengen.functions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class ReleaseTest {

  private static JsonPath ratingTask(String worker, String run) {
    return Ratings.task(worker, run);
  }

  private static String report(String run, JsonPath task, List<String> outcomes) {
    return Ratings.report(run, task, outcomes);
  }

  private static List<String> repeat(String outcome, int n) {
    return Ratings.repeat(outcome, n);
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
    String second2 = newWorker("rater-b");
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
    JsonPath second = ratingTask(second2, "rel1");
    assertNotEquals(colours.get(0), second.getString("rating.games[0].candidateColor"));

    // One contributor's games count for nothing until another's are in (ContributorSpread).
    TestApi.call(worker, "recordMatchResult", report("rel1", first, repeat("win", 2)))
        .statusCode(200)
        .body("outcome", equalTo("CONTINUE"))
        .body("wins", equalTo(0))
        .body("reason", containsString("share"));
    // A retried report is counted once.
    TestApi.call(worker, "recordMatchResult", report("rel1", first, repeat("win", 2)))
        .statusCode(200)
        .body("wins", equalTo(0));
    TestApi.call(second2, "recordMatchResult", report("rel1", second, repeat("win", 2)))
        .statusCode(200)
        .body("wins", equalTo(4));
    String[] raters = {worker, second2, worker};
    List<List<String>> reports =
        List.of(List.of("win", "win"), List.of("win", "loss"), List.of("loss", "loss"));
    for (int i = 0; i < reports.size(); i++) {
      TestApi.call(
              raters[i],
              "recordMatchResult",
              report("rel1", ratingTask(raters[i], "rel1"), reports.get(i)))
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
    String other = newWorker("milestone-b");
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
    // Four losses, Elo far below +20; step 20,000 is a multiple of 10,000 but only 5,000 steps
    // have passed since the current network (15,000): rejected.
    TestApi.call(
            worker,
            "recordMatchResult",
            report("rel5", ratingTask(worker, "rel5"), repeat("loss", 2)))
        .statusCode(200)
        .body("outcome", equalTo("CONTINUE"));
    TestApi.call(
            other,
            "recordMatchResult",
            report("rel5", ratingTask(other, "rel5"), repeat("loss", 2)))
        .statusCode(200)
        .body("outcome", equalTo("REJECT"))
        .body("status", equalTo("REJECTED"));
  }

  @Test
  void theSprtRejectsAWeakCandidate() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel2\"}").statusCode(200);
    String[] raters = {newWorker("rater2"), newWorker("rater2b")};
    String worker = raters[0];
    TestApi.registerNetwork("rel2", "rel2-b6c96-s0-d0");
    TestApi.registerNetwork("rel2", "rel2-b6c96-s256-d10");
    String cand = "rel2-b6c96-s256-d10";
    // Two raters taking turns; wins and losses in a 2:3 rhythm for each: the SPRT (elo0 0, elo1
    // +20, 5%/5%) cannot decide within
    // the first 100 games, and has rejected by 250 (LLR -3.43 < -2.94 at 100:150, SprtTest's hand
    // figures).
    String last = "CONTINUE";
    int tasks = 0;
    while (last.equals("CONTINUE") && tasks < 125) {
      List<String> outcomes = tasks % 5 < 2 ? repeat("win", 2) : repeat("loss", 2);
      String rater = raters[tasks % 2];
      last =
          TestApi.call(
                  rater, "recordMatchResult", report("rel2", ratingTask(rater, "rel2"), outcomes))
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
                + "\"games\":[{\"gameId\":\"x\",\"moves\":[\"pass\",\"pass\"]}]}")
        .statusCode(404)
        .body("code", equalTo("TASK_UNKNOWN"));
    String invented =
        report("rel3", task, List.of("win"))
            .replace(
                task.getString("rating.games[0].gameId"), task.getString("rating.taskId") + "-7");
    TestApi.call(worker, "recordMatchResult", invented)
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
        .body("message", containsString("twice"));
    String three =
        Ratings.request(
            "rel3",
            task,
            List.of(
                Ratings.game(task, 0, "win"),
                Ratings.game(task, 1, "win"),
                Ratings.game(task, 0, "win")));
    TestApi.call(worker, "recordMatchResult", three)
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"))
        .body("message", containsString("of 2 games"));
    // Nothing of that was counted.
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel3\",\"candidate\":\"rel3-b6c96-s256-d10\"}")
        .statusCode(200)
        .body("wins", equalTo(0))
        .body("losses", equalTo(0));
  }

  /**
   * The attack this replaces: a contributor reporting "win" for games it never played. A bare
   * outcome is refused, a declared result other than the backend's count is refused, an illegal or
   * unfinished record is refused (the whole list with it), and an honest record counts as what its
   * moves say.
   */
  @Test
  void aRatingGameCountsFromItsReplayedRecordNeverFromAClaim() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel9\",\"releasePolicy\":\"always:100\"}")
        .statusCode(200);
    String worker = newWorker("forger");
    String other = newWorker("honest");
    TestApi.registerNetwork("rel9", "rel9-b6c96-s0-d0");
    String cand = "rel9-b6c96-s256-d10";
    TestApi.registerNetwork("rel9", cand);
    JsonPath task = ratingTask(worker, "rel9");
    String game0 = task.getString("rating.games[0].gameId");
    String game1 = task.getString("rating.games[1].gameId");
    int size = Ratings.size(task);
    double komi = Ratings.komi(task);

    // The old report: an outcome and nothing else.
    TestApi.call(
            worker,
            "recordMatchResult",
            Ratings.request(
                "rel9", task, List.of("{\"gameId\":\"" + game0 + "\",\"outcome\":\"win\"}")))
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"))
        .body("message", containsString("no moves"));
    // A game the candidate lost, declared as the candidate's win.
    org.tengen.core.go.Color lost = Ratings.winner(task, 0, "loss");
    String forged = Ratings.game(task, 0, lost, Ratings.result(size, komi, lost.opponent()));
    TestApi.call(worker, "recordMatchResult", Ratings.request("rel9", task, List.of(forged)))
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"))
        .body("message", containsString("counts"));
    // An illegal move (a stone on an occupied point) spoils the whole list.
    String illegal =
        "{\"gameId\":\"" + game1 + "\",\"moves\":[\"A1\",\"pass\",\"A1\",\"pass\",\"pass\"]}";
    TestApi.call(
            worker,
            "recordMatchResult",
            Ratings.request("rel9", task, List.of(Ratings.game(task, 0, "win"), illegal)))
        .statusCode(400)
        .body("message", containsString("illegal"));
    // A game that never ended.
    String unfinished = "{\"gameId\":\"" + game1 + "\",\"moves\":[\"E5\",\"D4\"]}";
    TestApi.call(worker, "recordMatchResult", Ratings.request("rel9", task, List.of(unfinished)))
        .statusCode(400)
        .body("message", containsString("two passes"));
    // Honest records without a declared result count as their moves say: a loss and a win.
    String noResult0 = Ratings.game(task, 0, "loss").replaceAll(",\"result\":\"[^\"]*\"", "");
    TestApi.call(
            worker,
            "recordMatchResult",
            Ratings.request("rel9", task, List.of(noResult0, Ratings.game(task, 1, "win"))))
        .statusCode(200);
    JsonPath otherTask = ratingTask(other, "rel9");
    TestApi.call(other, "recordMatchResult", report("rel9", otherTask, repeat("loss", 2)))
        .statusCode(200)
        .body("wins", equalTo(1))
        .body("losses", equalTo(3))
        .body("status", equalTo("CANDIDATE"));
  }

  /**
   * No contributor decides alone, and a disabled contributor's games stop counting at once: the
   * tally is taken from the stored games of contributors still enabled.
   */
  @Test
  void oneContributorDecidesNothingAndADisabledOnesGamesStopCounting() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel10\",\"releasePolicy\":\"always:12\"}")
        .statusCode(200);
    String alone = newWorker("alone");
    String second = newWorker("second");
    String third = newWorker("third");
    TestApi.registerNetwork("rel10", "rel10-b6c96-s0-d0");
    String cand = "rel10-b6c96-s256-d10";
    TestApi.registerNetwork("rel10", cand);
    // Twelve wins reported by one contributor: the no-gate rule would release after 12 games.
    for (int i = 0; i < 6; i++) {
      TestApi.call(
              alone,
              "recordMatchResult",
              report("rel10", ratingTask(alone, "rel10"), repeat("win", 2)))
          .statusCode(200)
          .body("outcome", equalTo("CONTINUE"))
          .body("status", equalTo("CANDIDATE"))
          .body("wins", equalTo(0));
    }
    // A second contributor's four games let six of the first's count (60% at most).
    for (int i = 0; i < 2; i++) {
      TestApi.call(
              second,
              "recordMatchResult",
              report("rel10", ratingTask(second, "rel10"), repeat("win", 2)))
          .statusCode(200)
          .body("status", equalTo("CANDIDATE"));
    }
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel10\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("wins", equalTo(10))
        .body("reason", containsString("alone"));
    // The first contributor is disabled: its games leave the tally, and the second is alone now.
    TestApi.call(admin, "disableContributor", "{\"contributor\":\"alone\"}").statusCode(200);
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel10\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("wins", equalTo(0))
        .body("status", equalTo("CANDIDATE"));
    for (int i = 0; i < 4; i++) {
      String rater = i < 3 ? third : second;
      TestApi.call(
              rater,
              "recordMatchResult",
              report("rel10", ratingTask(rater, "rel10"), repeat("loss", 2)))
          .statusCode(200);
    }
    // second: 4 wins and 2 losses, third: 6 losses; 12 games, none of the disabled one's.
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel10\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("wins", equalTo(4))
        .body("losses", equalTo(8))
        .body("status", equalTo("RELEASED"));
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
    String other = newWorker("rater6b");
    TestApi.registerNetwork("rel7", "rel7-b6c96-s0-d0");
    String cand = "rel7-b6c96-s256-d10";
    TestApi.registerNetwork("rel7", cand);
    JsonPath task = ratingTask(worker, "rel7");
    JsonPath otherTask = ratingTask(other, "rel7");
    // Its games are in flight when an admin disables it; the no-gate rule would release it.
    TestApi.call(admin, "disableNetwork", "{\"run\":\"rel7\",\"name\":\"" + cand + "\"}")
        .statusCode(200);
    TestApi.call(worker, "recordMatchResult", report("rel7", task, repeat("win", 2)))
        .statusCode(200)
        .body("outcome", equalTo("CONTINUE"));
    TestApi.call(other, "recordMatchResult", report("rel7", otherTask, repeat("win", 2)))
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
    String other = newWorker("rater7b");
    TestApi.registerNetwork("rel8", "rel8-b6c96-s0-d0");
    String older = "rel8-b6c96-s256-d10";
    String newer = "rel8-b6c96-s512-d20";
    TestApi.registerNetwork("rel8", older);
    TestApi.registerNetwork("rel8", newer);
    JsonPath task = ratingTask(worker, "rel8");
    assertEquals(newer, task.getString("network.name"), "the newest candidate is rated");
    TestApi.call(worker, "recordMatchResult", report("rel8", task, repeat("win", 2)))
        .statusCode(200)
        .body("status", equalTo("CANDIDATE"));
    TestApi.call(
            other, "recordMatchResult", report("rel8", ratingTask(other, "rel8"), repeat("win", 2)))
        .statusCode(200)
        .body("status", equalTo("RELEASED"));
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel8\",\"candidate\":\"" + older + "\"}")
        .statusCode(200)
        .body("status", equalTo("SUPERSEDED"));
  }
}
