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
 * that varies komi takes any komi but only its rules. A curriculum stage that mixes board sizes
 * hands out tasks of each, and each upload is held to its task's size.
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
  void aStageThatMixesBoardSizesHandsOutTasksOfEachAndHoldsEachUploadToItsOwn() throws Exception {
    String run = "sizesvar1";
    String net = run + "-b6c96-s0-d0";
    TestApi.call(
            LocalCloudResource.ADMIN_KEY,
            "createRun",
            "{\"run\":\"" + run + "\",\"curriculum\":\"*:9/7:16\"}")
        .statusCode(200)
        .body("curriculum", equalTo("*:9/7:16"));
    TestApi.registerNetwork(run, net);
    String worker = TestApi.newContributor("sizesvar-cy");
    java.util.Set<Integer> sizes = new java.util.TreeSet<>();
    String sevenUrl = null;
    String sevenId = null;
    for (int i = 0; i < 40 && (sizes.size() < 2 || sevenUrl == null); i++) {
      JsonPath task =
          TestApi.call(worker, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}")
              .statusCode(200)
              .extract()
              .jsonPath();
      int size = task.getInt("settings.boardSize");
      sizes.add(size);
      if (size == 7) {
        sevenUrl = task.getString("upload.url");
        sevenId = task.getString("upload.uploadId");
      }
    }
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(7, 9), sizes);
    // A 9x9 batch on a task handed out for 7x7 is refused: each task keeps its own size.
    TestApi.put(
        sevenUrl,
        WireFormat.toGzippedJson(new GameBatch(1, run, net, TestApi.randomGames(net, 1, 300))));
    TestApi.call(worker, "confirmUpload", "{\"uploadId\":\"" + sevenId + "\"}")
        .statusCode(200)
        .body("outcome", equalTo("REJECTED"))
        .body("reasons.code", hasItem("BOARD_SIZE_UNSUPPORTED"));
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
