package org.tengen.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard: its files are served without a key (and nothing else is), {@code stats} carries
 * what it draws, and a real headless Chromium shows a run's networks, contributors, games and Elo
 * chart, and refreshes them by itself.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class DashboardTest {

  private static final String RUN = "dash";
  private static final String BASE = "dash-b6c96-s0-d0";
  private static final String GOOD = "dash-b6c96-s256-d10";
  private static final String WEAK = "dash-b6c96-s512-d20";
  private static final String ADMIN = LocalCloudResource.ADMIN_KEY;

  private static String alice;
  private static String bob;
  private static int games;

  @TestHTTPResource("/dashboard/")
  URL dashboard;

  private static String newWorker(String name) {
    return TestApi.newContributor(name);
  }

  /** One accepted self-play upload of n random games. */
  private static void upload(String worker, String network, int n, long seed) throws Exception {
    TestApi.upload(worker, RUN, network, n, seed);
    games += n;
  }

  /** Plays out the candidate's rating task with the given outcomes (candidate's view). */
  private static String rate(String worker, String outcome) {
    JsonPath task = Ratings.task(worker, RUN);
    return TestApi.call(
            worker, "recordMatchResult", Ratings.report(RUN, task, Ratings.repeat(outcome, 2)))
        .statusCode(200)
        .extract()
        .path("status");
  }

  /** A run with history: three networks (one released over the first, one rejected), uploads. */
  @BeforeEach
  synchronized void aRunWithHistory() throws Exception {
    if (alice != null) {
      return;
    }
    TestApi.call(
            ADMIN, "createRun", "{\"run\":\"" + RUN + "\",\"releasePolicy\":\"seed:2:20:1000000\"}")
        .statusCode(200);
    alice = newWorker("alice-dash");
    bob = newWorker("bob-dash");
    TestApi.registerNetwork(RUN, BASE);
    upload(alice, BASE, 3, 1);
    upload(bob, BASE, 2, 2);
    TestApi.registerNetwork(RUN, GOOD);
    // One contributor's games count only beside another's (ContributorSpread).
    assertEquals("CANDIDATE", rate(alice, "win"));
    assertEquals("RELEASED", rate(bob, "win"));
    upload(alice, GOOD, 2, 3);
    TestApi.registerNetwork(RUN, WEAK);
    assertEquals("CANDIDATE", rate(bob, "loss"));
    assertEquals("REJECTED", rate(alice, "loss"));
  }

  @Test
  void theFilesAreServedWithoutAKeyAndOnlyForReading() {
    given()
        .get("/dashboard/")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .header("X-Content-Type-Options", "nosniff")
        .body(containsString("<script src=\"dashboard.js\"></script>"));
    given().get("/dashboard/dashboard.js").then().statusCode(200).body(containsString("../stats"));
    given()
        .redirects()
        .follow(false)
        .get("/dashboard")
        .then()
        .statusCode(302)
        .header("Location", "/dashboard/");
    given().post("/dashboard/").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    given().get("/dashboard/../stats").then().statusCode(401);
    // The data still needs a key.
    given()
        .contentType("application/json")
        .body("{\"run\":\"" + RUN + "\"}")
        .post("/stats")
        .then()
        .statusCode(401);
  }

  @Test
  void statsCarryGamesOverTimeAndEloOverTheFirstNetwork() {
    JsonPath s =
        TestApi.call(ADMIN, "stats", "{\"run\":\"" + RUN + "\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Integer> binGames = s.getList("recent.games", Integer.class);
    assertEquals(games, binGames.stream().mapToInt(Integer::intValue).sum(), "ten-minute bins");
    assertTrue(s.getString("recent[0].start").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d0"));
    assertEquals(0.0, s.getDouble("networks.find { it.name == '" + BASE + "' }.ratingElo"));
    double good = s.getDouble("networks.find { it.name == '" + GOOD + "' }.elo");
    double weak = s.getDouble("networks.find { it.name == '" + WEAK + "' }.elo");
    assertTrue(good > 20 && weak < -20, good + " " + weak);
    // The rejected one was rated against GOOD, so it sits below GOOD on the run's scale.
    assertEquals(good, s.getDouble("networks.find { it.name == '" + GOOD + "' }.ratingElo"), 1e-9);
    assertEquals(
        good + weak, s.getDouble("networks.find { it.name == '" + WEAK + "' }.ratingElo"), 1e-9);
    assertEquals(GOOD, s.getString("networks.find { it.name == '" + WEAK + "' }.decidedAgainst"));
    assertTrue(s.getString("networks.find { it.name == '" + WEAK + "' }.decidedAt") != null);
  }

  @Test
  void aHeadlessChromiumShowsTheRunAndFollowsIt() throws Exception {
    Optional<String> missing = Chromium.unavailable();
    Assumptions.assumeTrue(missing.isEmpty(), () -> "browser test skipped: " + missing.get());
    try (Chromium browser = Chromium.start()) {
      browser.open(dashboard + "#run=" + RUN + "&key=" + ADMIN + "&every=1");
      Duration wait = Duration.ofSeconds(30);
      browser.await(
          "return document.querySelectorAll('#networks tbody tr').length",
          v -> v.asInt() == 3,
          wait);
      assertEquals(
          "none,block",
          browser
              .eval(
                  "return ['login', 'main'].map(id =>"
                      + " getComputedStyle(document.getElementById(id)).display).join(',')")
              .asText(),
          "the key form is gone once the data shows");
      assertFalse(
          browser.eval("return location.href").asText().contains(ADMIN),
          "the key leaves the address bar once the tab keeps it");
      JsonNode statuses =
          browser.eval(
              "return [...document.querySelectorAll('#networks tbody tr')]"
                  + ".map(r => r.dataset.network + ' ' + r.children[1].textContent)");
      assertTrue(statuses.toString().contains(GOOD + " RELEASED"), statuses.toString());
      assertTrue(statuses.toString().contains(WEAK + " REJECTED"), statuses.toString());
      assertTrue(statuses.toString().contains(BASE + " RELEASED"), statuses.toString());
      assertEquals(
          List.of("alice-dash", "bob-dash"),
          List.of(
              browser
                  .eval(
                      "return [...document.querySelectorAll('#contributors tbody tr')]"
                          + ".map(r => r.dataset.contributor).join(',')")
                  .asText()
                  .split(",")));
      assertEquals(
          "active",
          browser
              .eval(
                  "return document.querySelector('#contributors tr[data-contributor=\"bob-dash\"]')"
                      + ".children[1].textContent")
              .asText());
      // The games chart: the bars add up to the games played.
      assertEquals(
          games,
          browser
              .eval(
                  "return [...document.querySelectorAll('#games-chart rect.bar')]"
                      + ".reduce((a, r) => a + Number(r.dataset.value), 0)")
              .asInt());
      // The Elo chart: two released points joined by a line, one rejected point below.
      assertEquals(
          2,
          browser
              .eval("return document.querySelectorAll('#elo-chart circle.released').length")
              .asInt());
      assertEquals(
          1,
          browser
              .eval("return document.querySelectorAll('#elo-chart circle.rejected').length")
              .asInt());
      assertEquals(
          2,
          browser
              .eval(
                  "return document.querySelector('#elo-chart polyline.series')"
                      + ".getAttribute('points').trim().split(' ').length")
              .asInt());
      double goodY =
          browser
              .eval(
                  "return Number(document.querySelector('#elo-chart circle[data-network=\""
                      + GOOD
                      + "\"]').getAttribute('cy'))")
              .asDouble();
      double weakY =
          browser
              .eval(
                  "return Number(document.querySelector('#elo-chart circle[data-network=\""
                      + WEAK
                      + "\"]').getAttribute('cy'))")
              .asDouble();
      assertTrue(weakY > goodY, "the weaker network is drawn lower: " + weakY + " vs " + goodY);

      // It follows the run by itself: a new upload appears without a reload.
      int before =
          browser.eval("return Number(document.getElementById('refreshes').dataset.count)").asInt();
      upload(bob, GOOD, 4, 4);
      String totalGames =
          "return document.querySelector('[data-total=\"games\"] .value').textContent";
      browser.await(totalGames, v -> v.asText().equals(Integer.toString(games)), wait);
      assertTrue(
          browser.eval("return Number(document.getElementById('refreshes').dataset.count)").asInt()
              > before);
      Path shot = Path.of("target/dashboard.png");
      Files.write(shot, browser.screenshot());
      assertTrue(Files.size(shot) > 10_000, "a screenshot of the drawn page");

      // A refused key brings back the form, with the backend's reason.
      browser.eval("sessionStorage.clear(); return 0");
      browser.open("about:blank");
      browser.open(dashboard + "#run=" + RUN + "&key=not-a-key&every=1");
      browser.await("return document.getElementById('login').hidden", v -> !v.asBoolean(), wait);
      assertTrue(
          browser
              .eval("return document.getElementById('status').textContent")
              .asText()
              .contains("AUTH_INVALID"));
    }
  }
}
