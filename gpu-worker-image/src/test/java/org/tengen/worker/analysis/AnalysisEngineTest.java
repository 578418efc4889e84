package org.tengen.worker.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Color;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;

/** KataGo's analysis protocol: queries in, one answer per turn out, errors naming the field. */
class AnalysisEngineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Uniform priors; black loses every position by 30 points and owns nothing. */
  static final Evaluator BLACK_LOSES =
      pos -> {
        int size = pos.board().size();
        float[] policy = new float[size * size + 1];
        Arrays.fill(policy, 1f / policy.length);
        boolean black = pos.toMove() == Color.BLACK;
        float[] own = new float[size * size];
        Arrays.fill(own, black ? -1f : 1f); // +1: the player to move's
        return new Evaluation(
            policy, black ? 0.05f : 0.95f, black ? 0.95f : 0.05f, 0, black ? -30 : 30, own);
      };

  private static AnalysisEngine engine(AnalysisEngine.Perspective perspective) {
    return new AnalysisEngine(() -> BLACK_LOSES, 30, perspective, 7, "tengen test");
  }

  private static List<JsonNode> answers(AnalysisEngine e, String query) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : e.answer(query)) {
      assertFalse(line.contains("\n"), "one line per answer");
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static final String QUERY =
      "{\"id\":\"foo\",\"initialStones\":[[\"B\",\"C3\"]],\"moves\":[[\"W\",\"E5\"],[\"B\",\"D4\"]],"
          + "\"rules\":\"tromp-taylor\",\"komi\":7.5,\"boardXSize\":9,\"boardYSize\":9,"
          + "\"analyzeTurns\":[0,1,2],\"maxVisits\":20}";

  @Test
  void eachTurnAskedForGetsOneAnswerWithMovesAndRootInfo() throws Exception {
    List<JsonNode> a = answers(engine(AnalysisEngine.Perspective.BLACK), QUERY);
    assertEquals(3, a.size());
    for (int turn = 0; turn < 3; turn++) {
      JsonNode r = a.get(turn);
      assertEquals("foo", r.get("id").asText());
      assertEquals(turn, r.get("turnNumber").asInt());
      assertFalse(r.get("isDuringSearch").asBoolean());
      JsonNode root = r.get("rootInfo");
      assertTrue(root.get("visits").asInt() >= 20, r.toString());
      // initialPlayer: the first move's colour (white), then alternating.
      assertEquals(turn % 2 == 0 ? "W" : "B", root.get("currentPlayer").asText());
      int sum = 0;
      int order = 0;
      for (JsonNode m : r.get("moveInfos")) {
        assertEquals(order++, m.get("order").asInt());
        sum += m.get("visits").asInt();
        assertEquals(m.get("move").asText(), m.get("pv").get(0).asText(), "the pv starts there");
        for (String field :
            List.of("winrate", "scoreLead", "scoreMean", "prior", "lcb", "utility")) {
          assertTrue(m.get(field).isNumber(), field + " in " + m);
        }
        assertFalse(
            List.of("C3", "E5").contains(m.get("move").asText()) && turn >= 1,
            "no candidate on an occupied point: " + m);
      }
      assertTrue(sum > 0 && sum < root.get("visits").asInt() + 1, r.toString());
    }
  }

  @Test
  void valuesAreBlacksByDefaultOrTheSideToMovesWhenAsked() throws Exception {
    List<JsonNode> black = answers(engine(AnalysisEngine.Perspective.BLACK), QUERY);
    for (JsonNode r : black) {
      JsonNode root = r.get("rootInfo");
      assertTrue(root.get("winrate").asDouble() < 0.2, "black loses, whoever moves: " + root);
      assertTrue(root.get("scoreLead").asDouble() < -20, root.toString());
    }
    List<JsonNode> side = answers(engine(AnalysisEngine.Perspective.SIDETOMOVE), QUERY);
    assertTrue(side.get(0).get("rootInfo").get("winrate").asDouble() > 0.8, "white to move wins");
    assertTrue(side.get(1).get("rootInfo").get("winrate").asDouble() < 0.2, "black to move loses");
    List<JsonNode> white = answers(engine(AnalysisEngine.Perspective.WHITE), QUERY);
    assertTrue(white.get(1).get("rootInfo").get("scoreLead").asDouble() > 20);
  }

  @Test
  void ownershipAndPolicyComeWhenAskedInKataGosLayout() throws Exception {
    String q =
        "{\"id\":\"own\",\"moves\":[[\"B\",\"A9\"]],\"rules\":\"chinese\",\"boardXSize\":9,"
            + "\"boardYSize\":9,\"includeOwnership\":true,\"includePolicy\":true}";
    JsonNode r = answers(engine(AnalysisEngine.Perspective.BLACK), q).get(0);
    assertEquals(1, r.get("turnNumber").asInt(), "by default the position after every move");
    JsonNode own = r.get("ownership");
    assertEquals(81, own.size());
    for (JsonNode v : own) {
      assertEquals(-1.0, v.asDouble(), 1e-6, "white (to move) owns all: -1 from black's view");
    }
    JsonNode policy = r.get("policy");
    assertEquals(82, policy.size(), "every point, row by row from A9, then pass");
    assertEquals(-1.0, policy.get(0).asDouble(), "A9 is taken");
    assertTrue(policy.get(1).asDouble() > 0);
    assertTrue(policy.get(81).asDouble() > 0, "pass");
    JsonNode without =
        answers(engine(AnalysisEngine.Perspective.BLACK), q.replace("true", "false")).get(0);
    assertFalse(without.has("ownership") || without.has("policy"));
  }

  @Test
  void aBadQueryGetsAnErrorNamingItsFieldAndTheEngineGoesOn() throws Exception {
    AnalysisEngine e = engine(AnalysisEngine.Perspective.BLACK);
    String good =
        "{\"id\":\"ok\",\"moves\":[],\"rules\":\"chinese\",\"boardXSize\":9,\"boardYSize\":9}";
    String[][] cases = {
      {
        "{\"id\":\"a\",\"moves\":[],\"rules\":\"chinese\",\"boardXSize\":9,\"boardYSize\":13}",
        "boardYSize"
      },
      {"{\"moves\":[],\"rules\":\"chinese\",\"boardXSize\":9,\"boardYSize\":9}", "id"},
      {good.replace("[]", "[[\"B\",\"E5\"],[\"W\",\"E5\"]]"), "moves"},
      {good.replace("[]", "[[\"B\",\"Z5\"]]"), "moves"},
      {good.replace("[]", "[[\"X\",\"E5\"]]"), "moves"},
      {good.replace("chinese", "japanese"), "rules"},
      {good.replace("}", ",\"komi\":7.3}"), "komi"},
      {good.replace("}", ",\"analyzeTurns\":[1]}"), "analyzeTurns"},
      {good.replace("}", ",\"maxVisits\":0}"), "maxVisits"},
      {good.replace("}", ",\"includeOwnership\":\"yes\"}"), "includeOwnership"},
      {good.replace("}", ",\"initialStones\":[[\"B\",\"pass\"]]}"), "initialStones"},
      {good.replace("}", ",\"initialStones\":[[\"B\",\"C3\"],[\"W\",\"C3\"]]}"), "initialStones"},
    };
    for (String[] c : cases) {
      List<JsonNode> a = answers(e, c[0]);
      assertEquals(1, a.size(), c[0]);
      assertTrue(a.get(0).has("error"), c[0] + " -> " + a.get(0));
      assertEquals(c[1], a.get(0).get("field").asText(), c[0] + " -> " + a.get(0));
    }
    assertTrue(answers(e, "{not json").get(0).get("error").asText().contains("JSON"));
    assertTrue(answers(e, "[1,2]").get(0).has("error"));
    assertEquals(List.of(), e.answer("   "));

    // Through the line loop: errors and answers in the order of the queries.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    e.run(
        new BufferedReader(
            new StringReader("{oops\n" + good + "\n{\"id\":\"v\",\"action\":\"query_version\"}\n")),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(JSON.readTree(lines.get(0)).has("error"));
    assertEquals("ok", JSON.readTree(lines.get(1)).get("id").asText());
    JsonNode version = JSON.readTree(lines.get(2));
    assertEquals("v", version.get("id").asText());
    assertEquals("tengen test", version.get("version").asText());
  }
}
