package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class ReleaseTest {

  private static String games(String prefix, int from, int n, String outcome) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"gameId\":\"")
          .append(prefix)
          .append(from + i)
          .append("\",\"outcome\":\"")
          .append(outcome)
          .append("\"}");
    }
    return sb.append("]").toString();
  }

  private static String result(String run, String cand, String base, String games) {
    return "{\"run\":\""
        + run
        + "\",\"candidate\":\""
        + cand
        + "\",\"baseline\":\""
        + base
        + "\",\"games\":"
        + games
        + "}";
  }

  @Test
  void theSeedRuleReleasesACandidateThatGainsMoreThanTwentyElo() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel1\",\"releasePolicy\":\"seed:10:20:1000000\"}")
        .statusCode(200);
    String worker =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"rater\"}")
            .extract()
            .path("key");
    TestApi.registerNetwork("rel1", "rel1-b6c96-s0-d0");
    TestApi.registerNetwork("rel1", "rel1-b6c96-s256-d10");
    String cand = "rel1-b6c96-s256-d10";
    String base = "rel1-b6c96-s0-d0";
    TestApi.call(worker, "recordMatchResult", result("rel1", cand, base, games("g", 0, 5, "win")))
        .statusCode(200)
        .body("outcome", equalTo("CONTINUE"))
        .body("wins", equalTo(5));
    // A retried report is counted once.
    TestApi.call(worker, "recordMatchResult", result("rel1", cand, base, games("g", 0, 5, "win")))
        .statusCode(200)
        .body("wins", equalTo(5));
    // 7 wins, 3 losses: p = 0.7, Elo +147 > +20 after 10 games: released.
    TestApi.call(
            worker,
            "recordMatchResult",
            result(
                "rel1",
                cand,
                base,
                games("g", 5, 2, "win").replace("]", "")
                    + ","
                    + games("g", 7, 3, "loss").substring(1)))
        .statusCode(200)
        .body("outcome", equalTo("RELEASE"))
        .body("status", equalTo("RELEASED"))
        .body("wins", equalTo(7))
        .body("losses", equalTo(3));
    TestApi.call(worker, "nextTask", "{\"run\":\"rel1\"}")
        .statusCode(200)
        .body("network.name", equalTo(cand));
    TestApi.call(worker, "decideRelease", "{\"run\":\"rel1\",\"candidate\":\"" + cand + "\"}")
        .statusCode(403);
  }

  @Test
  void theSprtRejectsAWeakCandidate() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"rel2\"}").statusCode(200);
    String worker =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"rater2\"}")
            .extract()
            .path("key");
    TestApi.registerNetwork("rel2", "rel2-b6c96-s0-d0");
    TestApi.registerNetwork("rel2", "rel2-b6c96-s256-d10");
    String cand = "rel2-b6c96-s256-d10";
    // 100 wins, 150 losses: LLR = -3.43 below -2.94: rejected (SprtTest's hand figures).
    TestApi.call(
            worker,
            "recordMatchResult",
            result(
                "rel2",
                cand,
                "rel2-b6c96-s0-d0",
                games("w", 0, 100, "win").replace("]", "")
                    + ","
                    + games("l", 0, 150, "loss").substring(1)))
        .statusCode(200)
        .body("outcome", equalTo("REJECT"))
        .body("status", equalTo("REJECTED"));
    TestApi.call(admin, "decideRelease", "{\"run\":\"rel2\",\"candidate\":\"" + cand + "\"}")
        .statusCode(200)
        .body("status", equalTo("REJECTED"));
    TestApi.call(
            worker,
            "recordMatchResult",
            result("rel2", cand, "rel2-b6c96-s0-d0", "[{\"gameId\":\"x\",\"outcome\":\"tie\"}]"))
        .statusCode(400)
        .body("code", equalTo("RESULTS_INVALID"));
  }
}
