package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deployment's run settings (CDK context → environment) fill what createRun leaves out. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
@TestProfile(RunDefaultsTest.Defaults.class)
class RunDefaultsTest {

  public static class Defaults implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tengen.defaults.curriculum", "*:9:77",
          "tengen.defaults.release-policy", "seed:400:20:10000");
    }
  }

  @Test
  void createRunTakesTheDeploymentsDefaultsAndTheRequestWins() {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"defaults1\"}")
        .statusCode(200)
        .body("curriculum", equalTo("*:9:77"));
    TestApi.call(admin, "createRun", "{\"run\":\"defaults2\",\"curriculum\":\"*:13:50\"}")
        .statusCode(200)
        .body("curriculum", equalTo("*:13:50"));
  }
}
