package org.tengen.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * A run's public pages, as anyone without a key sees them: the networks with Elo, downloads and
 * SHA-256, contributions for the last day, week and all time, games per day; published by the
 * functions after decisions and uploads, and served read-only. Nothing private is in them.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class PublicPagesTest {

  private static final String RUN = "pub1";
  private static final String BASE = "pub1-b6c96-s0-d0";
  private static final String GOOD = "pub1-b6c96-s256-d10";
  private static final String ADMIN = LocalCloudResource.ADMIN_KEY;
  private static final byte[] GOOD_FILE = {31, -117, 8, 0, 1, 2, 3, 4};

  private static boolean ready;

  @TestHTTPResource("/public/")
  URL pages;

  private static String newWorker(String name) {
    return TestApi.newContributor(name);
  }

  private static void upload(String worker, String network, int n, long seed) throws Exception {
    TestApi.upload(worker, RUN, network, n, seed);
  }

  private static void rate(String worker, String outcome) {
    JsonPath task = Ratings.task(worker, RUN);
    TestApi.call(worker, "recordMatchResult", Ratings.report(RUN, task, Ratings.repeat(outcome, 2)))
        .statusCode(200);
  }

  @BeforeEach
  synchronized void aRunWithAReleaseAndUploads() throws Exception {
    if (ready) {
      return;
    }
    TestApi.call(
            ADMIN, "createRun", "{\"run\":\"" + RUN + "\",\"releasePolicy\":\"seed:2:20:1000000\"}")
        .statusCode(200);
    String carol = newWorker("carol-pub");
    String dan = newWorker("dan-pub");
    TestApi.registerNetwork(RUN, BASE);
    upload(carol, BASE, 3, 11);
    upload(dan, BASE, 2, 12);
    TestApi.registerNetwork(RUN, GOOD);
    TestApi.putObject("networks/" + RUN + "/" + GOOD + ".bin.gz", GOOD_FILE);
    rate(carol, "win");
    rate(dan, "win"); // released: the decision publishes the figures
    ready = true;
  }

  @Test
  void theFiguresArePublishedAndServedWithoutAKeyAndHoldNothingPrivate() {
    String body =
        given()
            .get("/public/runs/" + RUN + ".json")
            .then()
            .statusCode(200)
            .header("Content-Type", containsString("application/json"))
            .extract()
            .asString();
    JsonPath p = JsonPath.from(body);
    assertEquals(RUN, p.getString("run"));
    assertEquals(GOOD, p.getString("currentNetwork"));
    assertEquals(5, p.getInt("games"));
    assertEquals("RELEASED", p.getString("networks.find { it.name == '" + GOOD + "' }.status"));
    assertTrue(p.getDouble("networks.find { it.name == '" + GOOD + "' }.ratingElo") > 0);
    assertEquals(4, p.getInt("networks.find { it.name == '" + GOOD + "' }.ratingGames"));
    assertEquals(
        "/networks/" + RUN + "/" + GOOD + ".bin.gz",
        p.getString("networks.find { it.name == '" + GOOD + "' }.download"));
    assertEquals(
        "12".repeat(32), p.getString("networks.find { it.name == '" + GOOD + "' }.sha256"));
    assertEquals(3, p.getInt("contributors.find { it.contributor == 'carol-pub' }.gamesAllTime"));
    assertEquals(3, p.getInt("contributors.find { it.contributor == 'carol-pub' }.gamesLastDay"));
    assertEquals(2, p.getInt("contributors.find { it.contributor == 'dan-pub' }.gamesLastWeek"));
    assertEquals(5, p.getInt("days.sum { it.games }"));
    for (String secret : List.of("quality", "flagged", "lastSeen", "key", "tasks", "rejected")) {
      assertFalse(body.contains("\"" + secret), secret + " in the public figures: " + body);
    }
    // The page and the network file, read-only, without a key.
    given().get("/public/").then().statusCode(200).body(containsString("public.js"));
    given()
        .redirects()
        .follow(false)
        .get("/public")
        .then()
        .statusCode(302)
        .header("Location", "/public/");
    byte[] file =
        given()
            .get("/networks/" + RUN + "/" + GOOD + ".bin.gz")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertArrayEquals(GOOD_FILE, file);
    given().post("/public/").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    given()
        .get("/public/runs/nobody.json")
        .then()
        .statusCode(404)
        .body("code", equalTo("NOT_FOUND"));
    // Nothing else in the bucket is reachable through these paths.
    for (String path :
        List.of(
            "/public/../training_data/pub1/games_00001.npz",
            "/public/secret.txt",
            "/networks/" + RUN + "/not-a-network.bin.gz",
            "/networks/" + RUN + "/" + GOOD + ".bin.gz.bak",
            "/networks/../incoming/carol-pub/x.json.gz")) {
      int status = given().get(path).then().extract().statusCode();
      assertTrue(status == 404 || status == 401, path + " answered " + status);
    }
  }

  @Test
  void aHeadlessChromiumDrawsThePages() throws Exception {
    Optional<String> missing = Chromium.unavailable();
    Assumptions.assumeTrue(missing.isEmpty(), () -> "browser test skipped: " + missing.get());
    try (Chromium browser = Chromium.start()) {
      browser.open(pages + "?run=" + RUN);
      browser.await(
          "return document.body.dataset.loaded === 'true' ? 1 : 0",
          v -> v.asInt() == 1,
          Duration.ofSeconds(30));
      JsonNode rows =
          browser.eval(
              "return [...document.querySelectorAll('#networks tbody tr')]"
                  + ".map(r => r.dataset.network + ' ' + r.children[1].textContent)");
      assertTrue(rows.toString().contains(GOOD + " RELEASED"), rows.toString());
      // The first network (0) and the released candidate above it.
      assertEquals(
          2,
          browser
              .eval("return document.querySelectorAll('#elo-chart circle.released').length")
              .asInt());
      assertEquals(
          5,
          browser
              .eval(
                  "return [...document.querySelectorAll('#days-chart rect.bar')]"
                      + ".reduce((a, r) => a + Number(r.dataset.value), 0)")
              .asInt());
      assertEquals(
          "carol-pub,dan-pub",
          browser
              .eval(
                  "return [...document.querySelectorAll('#contributors tbody tr')]"
                      + ".map(r => r.dataset.contributor).join(',')")
              .asText());
      Path shot = Path.of("target/public-pages.png");
      Files.write(shot, browser.screenshot());
      assertTrue(Files.size(shot) > 10_000, "a screenshot of the drawn page");
    }
  }
}
