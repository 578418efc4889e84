package org.tengen.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.funqy.Funq;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.functions.admin.AdminFunctions;
import org.tengen.functions.auth.AuthFilter;
import org.tengen.functions.networks.NetworkFunctions;
import org.tengen.functions.release.ReleaseFunctions;
import org.tengen.functions.stats.StatsFunctions;
import org.tengen.functions.tasks.TaskFunctions;
import org.tengen.functions.uploads.UploadFunctions;
import org.tengen.functions.worker.WorkerFunctions;

@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class AuthAndAdminTest {

  private static ValidatableResponse call(String key, String function, String json) {
    var request = given().contentType("application/json").body(json);
    if (key != null) {
      request = request.header("Authorization", "Bearer " + key);
    }
    return request.post("/" + function).then();
  }

  private static String newContributor(String name) {
    return call(
            LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"" + name + "\"}")
        .statusCode(200)
        .body("contributor", equalTo(name))
        .body("key", startsWith("tgn_"))
        .extract()
        .path("key");
  }

  @Test
  void aCallWithoutAKeyIsRefused() {
    call(null, "whoami", "{}").statusCode(401).body("code", equalTo("AUTH_MISSING"));
    call(null, "createRun", "{\"run\":\"r\"}")
        .statusCode(401)
        .body("code", equalTo("AUTH_MISSING"));
  }

  @Test
  void anUnknownKeyIsRefused() {
    call("tgn_not-a-key", "whoami", "{}").statusCode(401).body("code", equalTo("AUTH_INVALID"));
  }

  @Test
  void aFloodOfJunkKeysNeverReachesDynamoDb() {
    FaultInjector.record();
    for (int i = 0; i < 50; i++) {
      // Not a Tengen key at all: refused before any lookup.
      call("junk-" + i + "-" + "x".repeat(i), "nextTask", "{}")
          .statusCode(401)
          .body("code", equalTo("AUTH_INVALID"));
    }
    // The key lookup is a Query of the contributors' key index; counted by it, since a stray
    // call of another test's thread may land in the recording.
    List<String> junk = FaultInjector.recorded();
    assertEquals(0, junk.stream().filter(c -> c.endsWith(".Query")).count(), junk.toString());
    // Well-formed but unknown: one lookup, then remembered.
    String unknown = "tgn_" + "A".repeat(43);
    FaultInjector.record();
    for (int i = 0; i < 20; i++) {
      call(unknown, "nextTask", "{}").statusCode(401).body("code", equalTo("AUTH_INVALID"));
    }
    List<String> calls = FaultInjector.recorded();
    assertEquals(
        1,
        calls.stream().filter(c -> c.endsWith(".Query")).count(),
        "one lookup for twenty calls with the same unknown key: " + calls);
    // A real key still works, and the whole flood left nothing behind that blocks it.
    String key = newContributor("dora");
    call(key, "whoami", "{}").statusCode(200).body("contributor", equalTo("dora"));
  }

  @Test
  void aContributorKeyIsNoAdminOrTrainerKey() {
    String key = newContributor("carol");
    call(key, "whoami", "{}").statusCode(200).body("contributor", equalTo("carol"));
    call(key, "createRun", "{\"run\":\"carols\"}")
        .statusCode(403)
        .body("code", equalTo("AUTH_FORBIDDEN"));
    call(key, "registerNetwork", "{}").statusCode(403).body("code", equalTo("AUTH_FORBIDDEN"));
    call(LocalCloudResource.TRAINER_KEY, "createRun", "{\"run\":\"x\"}").statusCode(403);
  }

  @Test
  void aDisabledContributorIsRefused() {
    String key = newContributor("dave");
    call(key, "whoami", "{}").statusCode(200);
    call(LocalCloudResource.ADMIN_KEY, "disableContributor", "{\"contributor\":\"dave\"}")
        .statusCode(200)
        .body("enabled", equalTo(false));
    call(key, "whoami", "{}").statusCode(403).body("code", equalTo("CONTRIBUTOR_DISABLED"));
    call(LocalCloudResource.ADMIN_KEY, "disableContributor", "{\"contributor\":\"nobody\"}")
        .statusCode(404)
        .body("code", equalTo("CONTRIBUTOR_UNKNOWN"));
  }

  @Test
  void aRotatedKeyStopsWorkingAtItsNextRequestAndTheNewOneWorks() {
    String old = newContributor("rotor");
    call(old, "whoami", "{}").statusCode(200).body("contributor", equalTo("rotor"));
    String fresh =
        call(LocalCloudResource.ADMIN_KEY, "rotateContributorKey", "{\"contributor\":\"rotor\"}")
            .statusCode(200)
            .body("contributor", equalTo("rotor"))
            .extract()
            .path("key");
    call(old, "whoami", "{}").statusCode(401).body("code", equalTo("AUTH_INVALID"));
    call(fresh, "whoami", "{}").statusCode(200).body("contributor", equalTo("rotor"));
    // Only the admin key rotates keys.
    call(fresh, "rotateContributorKey", "{\"contributor\":\"rotor\"}")
        .statusCode(403)
        .body("code", equalTo("AUTH_FORBIDDEN"));
    call(LocalCloudResource.ADMIN_KEY, "rotateContributorKey", "{\"contributor\":\"nobody\"}")
        .statusCode(404)
        .body("code", equalTo("CONTRIBUTOR_UNKNOWN"));
  }

  @Test
  void contributorsAreCreatedOnce() {
    newContributor("erin");
    call(LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"erin\"}")
        .statusCode(409)
        .body("code", equalTo("CONTRIBUTOR_EXISTS"));
    call(LocalCloudResource.ADMIN_KEY, "createContributor", "{\"contributor\":\"../x\"}")
        .statusCode(400)
        .body("code", equalTo("INVALID_ARGUMENT"))
        .body("message", startsWith("contributor '../x' must be"));
  }

  @Test
  void runsAreCreatedWithTheSeedsDefaultsAndValidated() {
    call(LocalCloudResource.ADMIN_KEY, "createRun", "{\"run\":\"kata1\"}")
        .statusCode(200)
        .body("run", equalTo("kata1"))
        .body("curriculum", equalTo("100000:9:200,500000:13:400,*:19:800"))
        .body("rules", equalTo("chinese"))
        .body("komi", equalTo(7.5f))
        .body("gamesPerBatch", equalTo(25))
        .body("state", equalTo("ACTIVE"));
    call(LocalCloudResource.ADMIN_KEY, "createRun", "{\"run\":\"kata1\"}")
        .statusCode(409)
        .body("code", equalTo("RUN_EXISTS"));
    call(LocalCloudResource.ADMIN_KEY, "createRun", "{\"run\":\"jp\",\"rules\":\"japanese\"}")
        .statusCode(400)
        .body("code", equalTo("INVALID_ARGUMENT"));
    call(LocalCloudResource.ADMIN_KEY, "createRun", "{\"run\":\"k2\",\"komi\":7.3}")
        .statusCode(400)
        .body("message", startsWith("komi 7.3"));
    call(LocalCloudResource.ADMIN_KEY, "createRun", "{\"run\":")
        .statusCode(400)
        .body("code", equalTo("BAD_REQUEST"));
  }

  /** Every function, by the key it needs. */
  private static final Set<String> CONTRIBUTOR_FUNCTIONS =
      Set.of("whoami", "nextTask", "renewUpload", "confirmUpload", "recordMatchResult", "stats");

  private static final Set<String> ADMIN_FUNCTIONS =
      Set.of(
          "createRun",
          "createContributor",
          "disableContributor",
          "rotateContributorKey",
          "disableNetwork",
          "decideRelease");

  private static final Set<String> TRAINER_FUNCTIONS =
      Set.of("registerNetwork", "trainingExclusions");

  @Test
  void theListsBelowNameEveryFunction() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> c :
        List.of(
            AdminFunctions.class,
            NetworkFunctions.class,
            ReleaseFunctions.class,
            StatsFunctions.class,
            TaskFunctions.class,
            UploadFunctions.class,
            WorkerFunctions.class)) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Funq.class)) {
          declared.add(m.getName());
        }
      }
    }
    Set<String> listed = new TreeSet<>(CONTRIBUTOR_FUNCTIONS);
    listed.addAll(ADMIN_FUNCTIONS);
    listed.addAll(TRAINER_FUNCTIONS);
    assertEquals(listed, declared);
    assertEquals(
        listed,
        new TreeSet<>(
            java.util.Arrays.stream(org.tengen.core.api.ApiFunction.values())
                .map(org.tengen.core.api.ApiFunction::functionName)
                .toList()),
        "core's ApiFunction list (the HTTP API's routes) names every function");
    assertEquals(
        new TreeSet<>(ADMIN_FUNCTIONS),
        new TreeSet<>(AuthFilter.ADMIN.stream().map(p -> p.substring(1)).toList()));
    assertEquals(
        new TreeSet<>(TRAINER_FUNCTIONS),
        new TreeSet<>(AuthFilter.TRAINER.stream().map(p -> p.substring(1)).toList()));
  }

  @Test
  void everyFunctionChecksTheKey() {
    String key = newContributor("mallory");
    Set<String> all = new TreeSet<>(CONTRIBUTOR_FUNCTIONS);
    all.addAll(ADMIN_FUNCTIONS);
    all.addAll(TRAINER_FUNCTIONS);
    for (String f : all) {
      call(null, f, "{}").statusCode(401).body("code", equalTo("AUTH_MISSING"));
      given()
          .contentType("application/json")
          .header("Authorization", "Basic dXNlcjpwYXNz")
          .body("{}")
          .post("/" + f)
          .then()
          .statusCode(401)
          .body("code", equalTo("AUTH_MISSING"));
      if (CONTRIBUTOR_FUNCTIONS.contains(f)) {
        call("tgn_not-a-key", f, "{}").statusCode(401).body("code", equalTo("AUTH_INVALID"));
      } else {
        call("tgn_not-a-key", f, "{}").statusCode(403).body("code", equalTo("AUTH_FORBIDDEN"));
        call(key, f, "{}").statusCode(403).body("code", equalTo("AUTH_FORBIDDEN"));
      }
    }
    // The admin key reads stats (the dashboard), but is no contributor key and no trainer key.
    call(LocalCloudResource.ADMIN_KEY, "nextTask", "{}").statusCode(401);
    call(LocalCloudResource.ADMIN_KEY, "registerNetwork", "{}").statusCode(403);
    call(LocalCloudResource.TRAINER_KEY, "decideRelease", "{}").statusCode(403);
    call(LocalCloudResource.ADMIN_KEY, "disableContributor", "{\"contributor\":\"mallory\"}")
        .statusCode(200);
    for (String f : CONTRIBUTOR_FUNCTIONS) {
      call(key, f, "{}").statusCode(403).body("code", equalTo("CONTRIBUTOR_DISABLED"));
    }
  }
}
