package org.tengen.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;

class GameRecordTest {

  @Test
  void jsonUsesTheSeedsSnakeCaseFieldNames() throws Exception {
    GameRecord game = TestGames.game(9, 1);
    JsonNode tree = WireFormat.mapper().readTree(WireFormat.toJson(game));
    assertEquals(
        List.of(
            "version", "rules", "komi", "board_size", "network", "moves", "result", "positions"),
        iterable(tree.fieldNames()));
    assertEquals(
        List.of("move_number", "board", "policy", "value", "score", "ownership"),
        iterable(tree.get("positions").get(0).fieldNames()));
    assertEquals(82, tree.get("positions").get(0).get("policy").size());
    assertEquals(81, tree.get("positions").get(0).get("board").asText().length());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void roundTripThroughJacksonAndThroughTheValidatingReader() throws Exception {
    GameBatch batch = TestGames.batch(3, 9, 10);
    byte[] json = WireFormat.toJson(batch);
    assertEquals(batch, WireFormat.mapper().readValue(json, GameBatch.class));
    Validation v =
        new BatchValidator(ValidationLimits.defaults()).validate(json, Expectations.NONE);
    Validation.Accepted accepted = assertInstanceOf(Validation.Accepted.class, v, v.toString());
    assertEquals(batch, accepted.batch());
    assertEquals(json.length, WireFormat.toJson(accepted.batch()).length);
  }

  @Test
  void recordsOfEveryRuleSetAndResignationValidate() {
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    for (Rules rules : List.of(Rules.chinese(), Rules.trompTaylor(), Rules.newZealand())) {
      for (int size : new int[] {7, 9, 13}) {
        GameRecord g = TestGames.game(size, size * 31L, rules);
        assertEquals(List.of(), validator.validate(g), rules.name() + " " + size);
      }
    }
    String json = new String(WireFormat.toJson(TestGames.game(9, 4)), StandardCharsets.UTF_8);
    assertEquals(List.of(), validator.validate(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void cheapSearchPositionsAreMarkedAndStillValidate() throws Exception {
    GameRecord g = TestGames.game(9, 8);
    List<PositionRecord> positions = new java.util.ArrayList<>(g.positions());
    PositionRecord p = positions.get(4);
    positions.set(
        4,
        new PositionRecord(
            p.moveNumber(), p.board(), p.policy(), p.value(), p.score(), p.ownership(), false));
    GameRecord marked =
        new GameRecord(
            g.version(),
            g.rules(),
            g.komi(),
            g.boardSize(),
            g.network(),
            g.moves(),
            g.result(),
            positions);
    String json = new String(WireFormat.toJson(marked), StandardCharsets.UTF_8);
    assertEquals(
        1, json.split("\"full_search\":false", -1).length - 1, "only the cheap one says so");
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    assertEquals(List.of(), validator.validate(json.getBytes(StandardCharsets.UTF_8)));
    GameBatch batch = new GameBatch(1, "run1", g.network(), List.of(marked));
    Validation.Accepted read =
        (Validation.Accepted)
            new BatchValidator(ValidationLimits.defaults())
                .validate(WireFormat.toJson(batch), Expectations.NONE);
    assertEquals(marked, read.batch().games().get(0));
    org.tengen.core.shard.TrainingShard shard =
        org.tengen.core.shard.TrainingShard.of(List.of(marked), "run1", g.network());
    assertEquals(0f, shard.policyWeight()[4]);
    assertEquals(1f, shard.policyWeight()[3]);
    String wrong = json.replace("\"full_search\":false", "\"full_search\":\"no\"");
    assertEquals(
        RejectionCode.WRONG_TYPE,
        validator.validate(wrong.getBytes(StandardCharsets.UTF_8)).get(0).code());
  }
}
