package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.WireFormat;

/**
 * An upload is held to the run's rules and komi unless the run's self-play variety draws them per
 * game: a run that varies the rules takes games under any preset but only at its komi, and a run
 * that varies komi takes any komi but only its rules.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class VarietyUploadTest {

  private static ValidatableResponse upload(
      String worker, String run, String network, List<GameRecord> games) throws Exception {
    JsonPath task =
        TestApi.call(worker, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    TestApi.put(
        task.getString("upload.url"),
        WireFormat.toGzippedJson(new GameBatch(1, run, network, games)));
    return TestApi.call(
            worker, "confirmUpload", "{\"uploadId\":\"" + task.getString("upload.uploadId") + "\"}")
        .statusCode(200);
  }

  private static List<GameRecord> mixed(String network, long seed, Rules... rules) {
    List<GameRecord> games = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      games.addAll(TestApi.randomGames(network, 1, seed + i, rules[i]));
    }
    return games;
  }

  @Test
  void aRunThatVariesTheRulesTakesAnyPresetButOnlyItsKomi() throws Exception {
    String run = "rulesvar1";
    String net = run + "-b6c96-s0-d0";
    TestApi.call(
            LocalCloudResource.ADMIN_KEY,
            "createRun",
            "{\"run\":\"" + run + "\",\"selfPlayVariety\":\"0,0,0,0,0,0.5\"}")
        .statusCode(200);
    TestApi.registerNetwork(run, net);
    String worker = TestApi.newContributor("rulesvar-ann");
    upload(
            worker,
            run,
            net,
            mixed(net, 100, Rules.chinese(), Rules.trompTaylor(), Rules.newZealand()))
        .body("outcome", equalTo("ACCEPTED"))
        .body("games", equalTo(3));
    upload(worker, run, net, mixed(net, 110, Rules.trompTaylor().withKomi(6.5)))
        .body("outcome", equalTo("REJECTED"))
        .body("reasons.code", hasItem("KOMI_INVALID"));
  }

  @Test
  void aRunThatVariesKomiTakesAnyKomiButOnlyItsRules() throws Exception {
    String run = "komivar1";
    String net = run + "-b6c96-s0-d0";
    TestApi.call(
            LocalCloudResource.ADMIN_KEY,
            "createRun",
            "{\"run\":\"" + run + "\",\"selfPlayVariety\":\"katago\"}")
        .statusCode(200);
    TestApi.registerNetwork(run, net);
    String worker = TestApi.newContributor("komivar-bob");
    upload(worker, run, net, mixed(net, 200, Rules.chinese().withKomi(6.5), Rules.chinese()))
        .body("outcome", equalTo("ACCEPTED"));
    upload(worker, run, net, mixed(net, 210, Rules.trompTaylor()))
        .body("outcome", equalTo("REJECTED"))
        .body("reasons.code", hasItem("RULES_UNSUPPORTED"));
  }
}
