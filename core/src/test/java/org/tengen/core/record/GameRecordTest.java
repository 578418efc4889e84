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
}
