package org.tengen.functions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class TaskAndNetworkTest {

  private static final String SHA = "ab".repeat(32);

  private static String register(String run, String name, long bytes) {
    return "{\"run\":\""
        + run
        + "\",\"name\":\""
        + name
        + "\",\"sha256\":\""
        + SHA
        + "\",\"bytes\":"
        + bytes
        + "}";
  }

  @Test
  void aTrainedNetworksStepsAreItsJobsOnTopOfItsParents() {
    String admin = LocalCloudResource.ADMIN_KEY;
    String trainer = LocalCloudResource.TRAINER_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"steps1\"}").statusCode(200);
    byte[] file = "NET01".getBytes();
    String first = "steps1-b6c96-s0-d0";
    TestApi.putObject("networks/steps1/" + first + ".bin.gz", file);
    TestApi.call(trainer, "registerNetwork", register("steps1", first, 5))
        .statusCode(200)
        .body("steps", equalTo(0));
    // 400 steps at batch 64: 25,600 samples, which samples / 256 would count as 100 steps.
    String second = "steps1-b6c96-s25600-d3000";
    TestApi.putObject("networks/steps1/" + second + ".bin.gz", file);
    String trained =
        register("steps1", second, 5)
            .replace("}", ",\"parent\":\"" + first + "\",\"jobSteps\":400}");
    TestApi.call(trainer, "registerNetwork", trained).statusCode(200).body("steps", equalTo(400));
    String third = "steps1-b6c96-s51200-d6000";
    TestApi.putObject("networks/steps1/" + third + ".bin.gz", file);
    TestApi.call(
            trainer,
            "registerNetwork",
            register("steps1", third, 5)
                .replace("}", ",\"parent\":\"" + second + "\",\"jobSteps\":400}"))
        .statusCode(200)
        .body("steps", equalTo(800));
    String orphan = "steps1-b6c96-s76800-d9000";
    TestApi.putObject("networks/steps1/" + orphan + ".bin.gz", file);
    TestApi.call(
            trainer,
            "registerNetwork",
            register("steps1", orphan, 5)
                .replace("}", ",\"parent\":\"steps1-b6c96-s1-d1\",\"jobSteps\":400}"))
        .statusCode(404)
        .body("code", equalTo("NETWORK_UNKNOWN"));
  }

  @Test
  void theFirstNetworkIsReleasedAndTasksPointAtIt() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    String trainer = LocalCloudResource.TRAINER_KEY;
    // A run name that could not name its SageMaker training jobs is refused where it enters.
    TestApi.call(admin, "createRun", "{\"run\":\"tasks_1\"}")
        .statusCode(400)
        .body("code", equalTo("INVALID_ARGUMENT"))
        .body("message", containsString("SageMaker"));
    TestApi.call(admin, "createRun", "{\"run\":\"tasks1x\",\"selfPlayVariety\":\"lots\"}")
        .statusCode(400)
        .body("code", equalTo("INVALID_ARGUMENT"))
        .body("message", containsString("'lots'"));
    TestApi.call(
            admin,
            "createRun",
            "{\"run\":\"tasks1\",\"curriculum\":\"1000:9:16,*:13:32\",\"selfPlayVariety\":\"katago\"}")
        .statusCode(200)
        .body("selfPlayVariety", equalTo("katago"));
    String worker =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"frank\"}")
            .statusCode(200)
            .extract()
            .path("key");

    TestApi.call(worker, "nextTask", "{\"run\":\"tasks1\"}")
        .statusCode(409)
        .body("code", equalTo("NO_NETWORK"));
    TestApi.call(worker, "nextTask", "{\"run\":\"nope\"}")
        .statusCode(404)
        .body("code", equalTo("RUN_UNKNOWN"));

    String first = "tasks1-b6c96-s0-d0";
    TestApi.call(trainer, "registerNetwork", register("tasks1", first, 5))
        .statusCode(409)
        .body("code", equalTo("NETWORK_FILE_MISSING"));
    byte[] file = "NET01".getBytes();
    TestApi.putObject("networks/tasks1/" + first + ".bin.gz", file);
    TestApi.call(trainer, "registerNetwork", register("tasks1", first, 6))
        .statusCode(400)
        .body("code", equalTo("NETWORK_SIZE_MISMATCH"));
    TestApi.call(trainer, "registerNetwork", register("tasks1", "bad name", 5)).statusCode(400);
    TestApi.call(trainer, "registerNetwork", register("tasks1", first, 5))
        .statusCode(200)
        .body("status", equalTo("RELEASED"));
    TestApi.call(trainer, "registerNetwork", register("tasks1", first, 5))
        .statusCode(409)
        .body("code", equalTo("NETWORK_EXISTS"));
    String second = "tasks1-b6c96-s512000-d9000";
    TestApi.putObject("networks/tasks1/" + second + ".bin.gz", file);
    TestApi.call(trainer, "registerNetwork", register("tasks1", second, 5))
        .statusCode(200)
        .body("status", equalTo("CANDIDATE"))
        .body("steps", equalTo(2000));

    // While the second is a candidate, rating work comes at its own stage (13x13 from step
    // 1000), the baseline being the run's current network.
    TestApi.call(worker, "nextTask", "{\"run\":\"tasks1\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("rating"))
        .body("network.name", equalTo(second))
        .body("baseline.name", equalTo(first))
        .body("baseline.sha256", equalTo(SHA))
        .body("settings.boardSize", equalTo(13))
        .body("settings.visits", equalTo(32))
        .body("settings.variety", equalTo("none"))
        .body("upload", nullValue())
        .body("rating.games.size()", equalTo(2));
    TestApi.call(worker, "nextTask", "{\"run\":\"tasks1\",\"prefer\":\"chess\"}")
        .statusCode(400)
        .body("code", equalTo("KIND_INVALID"));
    // Left to the server, about a quarter of the tasks are rating games (200 draws: the count
    // lies within 5 standard deviations of 50).
    int rating = 0;
    for (int i = 0; i < 200; i++) {
      String kind =
          TestApi.call(worker, "nextTask", "{\"run\":\"tasks1\"}")
              .statusCode(200)
              .extract()
              .path("kind");
      rating += kind.equals("rating") ? 1 : 0;
    }
    assertTrue(rating >= 20 && rating <= 80, rating + " rating tasks of 200");

    JsonPath task =
        TestApi.call(worker, "nextTask", "{\"run\":\"tasks1\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .body("kind", equalTo("selfplay"))
            .body("network.name", equalTo(first))
            .body("network.sha256", equalTo(SHA))
            .body("settings.boardSize", equalTo(9))
            .body("settings.visits", equalTo(16))
            .body("settings.rules", equalTo("chinese"))
            .body("settings.gamesPerBatch", equalTo(25))
            .body("settings.variety", equalTo("katago"))
            .body("settings.search", equalTo("katago"))
            .body("upload.uploadId", matchesPattern("[0-9a-f]{32}"))
            .extract()
            .jsonPath();

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> download =
        http.send(
            HttpRequest.newBuilder(URI.create(task.getString("network.url"))).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertEquals("NET01", new String(download.body()));

    String put = task.getString("upload.url");
    assertEquals(
        true, put.contains("/incoming/frank/" + task.getString("upload.uploadId") + ".json.gz"));
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(URI.create(put))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("batch"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode(), ok.body());
    HttpResponse<String> elsewhere =
        http.send(
            HttpRequest.newBuilder(URI.create(put.replace("/incoming/frank/", "/incoming/grace/")))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("batch"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, elsewhere.statusCode(), "the URL is scoped to this contributor's key");
    // Written once: the URL signs If-None-Match, so a second PUT (a bigger or other object after
    // the confirm's check) is refused, and so is a PUT that leaves the header out.
    assertTrue(put.toLowerCase(java.util.Locale.ROOT).contains("if-none-match"), put);
    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(URI.create(put))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("a much larger and different batch"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(412, again.statusCode(), again.body());
    HttpResponse<String> bare =
        http.send(
            HttpRequest.newBuilder(URI.create(put))
                .PUT(HttpRequest.BodyPublishers.ofString("replaced"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, bare.statusCode(), "the signed header is required: " + bare.body());
    try (var s3 = TestApi.s3()) {
      assertEquals(
          "batch",
          s3.getObjectAsBytes(
                  g ->
                      g.bucket(TestApi.bucket())
                          .key("incoming/frank/" + task.getString("upload.uploadId") + ".json.gz"))
              .asUtf8String());
    }
  }
}
