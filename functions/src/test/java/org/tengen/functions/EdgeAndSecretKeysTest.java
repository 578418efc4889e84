package org.tengen.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.functions.auth.FixedKeys;

/**
 * A deployment: the admin and trainer keys come from secrets (the test's stand-in for Secrets
 * Manager), and contributor calls count only when they came through the edge (CloudFront with the
 * per-client rate limits), which adds the edge secret. Calls straight to the origin are refused
 * before any key is looked up; the admin and trainer keys need no edge (their API has none).
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
@TestProfile(EdgeAndSecretKeysTest.Deployed.class)
class EdgeAndSecretKeysTest {

  static final String ADMIN = "AdminKeyFromSecretsManager0123456789abcdef";
  static final String TRAINER = "TrainerKeyFromSecretsManager0123456789abcd";
  static final String EDGE = "EdgeSecretThatCloudFrontAdds0123456789abcdef";

  /** The secrets a deployment's functions read. */
  @Alternative
  @Priority(1)
  @Singleton
  public static class Secrets implements FixedKeys.SecretReader {
    @Override
    public String read(String id) {
      return switch (id) {
        case "tengen-test/admin-key" -> ADMIN;
        case "tengen-test/trainer-key" -> TRAINER;
        case "tengen-test/edge-secret" -> EDGE;
        default -> throw new IllegalArgumentException("no secret " + id);
      };
    }
  }

  public static class Deployed implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tengen.admin-key-secret", "tengen-test/admin-key",
          "tengen.trainer-key-secret", "tengen-test/trainer-key",
          "tengen.edge-secret", "tengen-test/edge-secret",
          "tengen.public-pages", "false");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(Secrets.class);
    }
  }

  private static ValidatableResponse call(String key, String edge, String function, String json) {
    var r = given().contentType("application/json").header("Authorization", "Bearer " + key);
    if (edge != null) {
      r = r.header(FixedKeys.EDGE_HEADER, edge);
    }
    return r.body(json).post("/" + function).then();
  }

  @Test
  void theSecretsAreTheKeysAndContributorsMustComeThroughTheEdge() {
    // The configured hash of the one-machine admin key no longer opens anything.
    call(LocalCloudResource.ADMIN_KEY, null, "createContributor", "{\"contributor\":\"eve\"}")
        .statusCode(403)
        .body("code", equalTo("AUTH_FORBIDDEN"));
    // The admin key from its secret works without the edge: the admin API has none.
    String key =
        call(ADMIN, null, "createContributor", "{\"contributor\":\"edgy\"}")
            .statusCode(200)
            .extract()
            .path("key");
    call(ADMIN, null, "stats", "{\"run\":\"nosuchrun\"}").statusCode(404);
    call(TRAINER, null, "trainingExclusions", "{\"run\":\"nosuchrun\"}")
        .statusCode(org.hamcrest.Matchers.not(equalTo(403)));

    // A contributor key straight to the origin, with no edge secret or a wrong one: refused.
    call(key, null, "whoami", "{}").statusCode(403).body("code", equalTo("EDGE_REQUIRED"));
    call(key, EDGE.substring(1), "whoami", "{}")
        .statusCode(403)
        .body("code", equalTo("EDGE_REQUIRED"));
    // The same through the edge.
    call(key, EDGE, "whoami", "{}").statusCode(200).body("contributor", equalTo("edgy"));
    // A contributor may not use the admin key's way round the edge.
    call(key, null, "stats", "{\"run\":\"nosuchrun\"}")
        .statusCode(403)
        .body("code", equalTo("EDGE_REQUIRED"));
    // Junk keys at the origin are refused before they are even looked at.
    call("tgn_" + "x".repeat(43), null, "whoami", "{}")
        .statusCode(403)
        .body("code", equalTo("EDGE_REQUIRED"));
    // The key-free pages also come through the edge only.
    given().get("/public/").then().statusCode(403).body("code", equalTo("EDGE_REQUIRED"));
    given()
        .header(FixedKeys.EDGE_HEADER, EDGE)
        .get("/public/")
        .then()
        .statusCode(org.hamcrest.Matchers.not(equalTo(403)));
  }
}
