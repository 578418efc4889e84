package org.tengen.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged app (production class path) against the local cloud: it once lacked commons-logging,
 * which only the test class path had, and failed on its first DynamoDB call.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class PackagedAppIT {

  @Test
  void thePackagedAppTalksToDynamoDbAndS3() {
    String admin = LocalCloudResource.ADMIN_KEY;
    given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + admin)
        .body("{\"run\":\"packaged\"}")
        .post("/createRun")
        .then()
        .statusCode(200)
        .body("run", equalTo("packaged"));
    String key =
        given()
            .contentType("application/json")
            .header("Authorization", "Bearer " + admin)
            .body("{\"contributor\":\"pat\"}")
            .post("/createContributor")
            .then()
            .statusCode(200)
            .extract()
            .path("key");
    given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + key)
        .body("{}")
        .post("/whoami")
        .then()
        .statusCode(200)
        .body("contributor", equalTo("pat"));
    given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + key)
        .body("{\"run\":\"packaged\"}")
        .post("/nextTask")
        .then()
        .statusCode(409)
        .body("code", equalTo("NO_NETWORK"));
  }

  @Test
  void thePackagedAppServesTheDashboard() {
    given().get("/dashboard/").then().statusCode(200).body(containsString("Tengen dashboard"));
    given().get("/dashboard/dashboard.js").then().statusCode(200);
    given().get("/dashboard/dashboard.css").then().statusCode(200);
  }
}
