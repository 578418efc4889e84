package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;

/** The GTP commands GUIs, KGS and referees send beyond the core set. */
class GtpCommandsTest {

  private static float[] uniform(int size) {
    float[] policy = new float[size * size + 1];
    Arrays.fill(policy, 1f / policy.length);
    return policy;
  }

  /** Uniform priors, an even value, no opinion on ownership. */
  static final Evaluator UNIFORM =
      pos -> {
        int size = pos.board().size();
        return new Evaluation(uniform(size), 0.5f, 0.5f, 0, 0, new float[size * size]);
      };

  /** Uniform priors, an even value; the network believes black owns the whole board. */
  static final Evaluator BLACK_OWNS_ALL =
      pos -> {
        int size = pos.board().size();
        float[] own = new float[size * size];
        Arrays.fill(own, pos.toMove() == Color.BLACK ? 1f : -1f);
        return new Evaluation(uniform(size), 0.5f, 0.5f, 0, 0, own);
      };

  /** Black loses every position, by 30 points. */
  static final Evaluator BLACK_LOSES =
      pos -> {
        int size = pos.board().size();
        boolean black = pos.toMove() == Color.BLACK;
        return new Evaluation(
            uniform(size),
            black ? 0.01f : 0.99f,
            black ? 0.99f : 0.01f,
            0,
            black ? -30 : 30,
            new float[size * size]);
      };

  private static GtpEngine engine(Evaluator evaluator) {
    return new GtpEngine(() -> evaluator, Rules.chinese(), 32, 1);
  }

  private static String ok(GtpEngine e, String command) {
    String answer = e.handle(command);
    assertTrue(answer.startsWith("="), command + " answered " + answer);
    return answer.substring(1).strip();
  }

  @Test
  void listsAndKnowsEveryCommandItAnswers() {
    GtpEngine e = engine(UNIFORM);
    String list = ok(e, "list_commands");
    for (String c :
        new String[] {
          "final_status_list",
          "kgs-genmove_cleanup",
          "fixed_handicap",
          "place_free_handicap",
          "set_free_handicap",
          "loadsgf",
          "printsgf",
          "reg_genmove",
          "kata-get-rules",
          "kata-set-rules",
          "kgs-rules",
          "lz-analyze",
          "kata-analyze",
          "lz-genmove_analyze",
          "kata-genmove_analyze",
          "kgs-time_settings"
        }) {
      assertTrue(list.lines().anyMatch(c::equals), c + " listed");
      assertEquals("true", ok(e, "known_command " + c));
    }
    assertEquals(list.lines().count(), e.commands().size());
  }

  @Test
  void fixedHandicapFollowsTheProtocolsTable() {
    GtpEngine e = engine(UNIFORM);
    ok(e, "boardsize 19");
    assertEquals("D4 Q16 D16 Q4 D10 Q10 K4 K16 K10", ok(e, "fixed_handicap 9"));
    assertEquals(9, e.board().stoneCount(Board.BLACK));
    assertEquals("? board not empty\n\n", e.handle("fixed_handicap 2"));
    ok(e, "clear_board");
    assertEquals("D4 Q16 D16 Q4 K10", ok(e, "fixed_handicap 5"));
    ok(e, "boardsize 9");
    assertEquals("C3 G7", ok(e, "fixed_handicap 2"));
    String move = ok(e, "genmove w");
    assertTrue(move.matches("[A-HJ]\\d|pass"), "white moves first after handicap: " + move);
    ok(e, "boardsize 8");
    assertTrue(e.handle("fixed_handicap 5").startsWith("? invalid number of stones"));
    ok(e, "boardsize 5");
    assertTrue(e.handle("fixed_handicap 2").contains("no fixed handicap"));
  }

  @Test
  void freeHandicapIsPlacedOrTakenAndUndone() {
    GtpEngine e = engine(UNIFORM);
    ok(e, "boardsize 9");
    String placed = ok(e, "place_free_handicap 11");
    assertEquals(11, placed.split(" ").length, placed);
    assertEquals(11, e.board().stoneCount(Board.BLACK));
    assertEquals(11, Arrays.stream(placed.split(" ")).distinct().count(), "distinct points");
    ok(e, "clear_board");
    ok(e, "set_free_handicap C3 G7 E5");
    assertEquals(3, e.board().stoneCount(Board.BLACK));
    assertEquals("? illegal move\n\n", e.handle("play w E5"));
    ok(e, "play w D4");
    ok(e, "undo");
    ok(e, "undo"); // the handicap itself, as Sabaki's state tracker expects
    assertEquals(0, e.board().stoneCount(Board.BLACK));
    assertTrue(e.handle("set_free_handicap C3 C3").startsWith("? repeated vertex"));
    assertTrue(e.handle("set_free_handicap C3").startsWith("? invalid number of stones"));
    assertTrue(e.handle("set_free_handicap C3 pass").startsWith("? invalid coordinate"));
  }

  @Test
  void rulesAreReadAndSetAsKataGoWritesThem() {
    GtpEngine e = engine(UNIFORM);
    String rules = ok(e, "kata-get-rules");
    assertTrue(rules.contains("\"ko\":\"POSITIONAL\"") && rules.contains("\"suicide\":false"));
    ok(e, "komi 6.5");
    ok(e, "kata-set-rules tromp-taylor");
    assertTrue(ok(e, "kata-get-rules").contains("\"suicide\":true"));
    ok(e, "kata-set-rules {\"ko\":\"SITUATIONAL\",\"scoring\":\"AREA\",\"suicide\":false}");
    assertTrue(ok(e, "kata-get-rules").contains("\"ko\":\"SITUATIONAL\""));
    ok(e, "kgs-rules chinese");
    assertTrue(e.handle("kgs-rules japanese").startsWith("? unsupported rules: rules 'japanese'"));
    assertTrue(
        e.handle("kata-set-rules {\"scoring\":\"TERRITORY\"}").contains("area scoring only"));
    assertTrue(e.handle("kata-set-rules {\"tax\":\"SEKI\"}").contains("no seki tax"));
    assertTrue(e.handle("kata-set-rules {oops").contains("not a JSON object"));
    // komi survives a change of rules
    ok(e, "boardsize 2");
    ok(e, "play b A1");
    ok(e, "play w pass");
    ok(e, "play b pass");
    assertEquals("W+2.5", ok(e, "final_score"), "black's 4 points less komi 6.5");
  }

  @Test
  void sgfFilesAreLoadedAndWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("game.sgf");
    Files.writeString(
        file, "(;GM[1]FF[4]SZ[9]KM[5.5]RU[Japanese]AB[cc][gg];W[ee]C[a comment];B[dd];W[cd])");
    GtpEngine e = engine(UNIFORM);
    ok(e, "loadsgf " + file + " 3");
    assertEquals(3, e.board().stoneCount(Board.BLACK), "setup stones and the move before 3");
    assertEquals(1, e.board().stoneCount(Board.WHITE));
    assertTrue(ok(e, "genmove w").matches("[A-HJ]\\d|pass"), "white is to move");
    ok(e, "loadsgf " + file);
    String sgf = ok(e, "printsgf");
    assertTrue(sgf.contains("SZ[9]") && sgf.contains("KM[5.5]"), sgf);
    assertTrue(sgf.contains("AB[cc][gg]") && sgf.contains(";W[cd]"), sgf);
    Path out = dir.resolve("out.sgf");
    ok(e, "printsgf " + out);
    assertEquals(sgf, Files.readString(out).strip());
    ok(e, "loadsgf " + file + " 1");
    assertEquals("? cannot undo\n\n", e.handle("undo"), "a file's setup is no handicap to undo");
    assertEquals(2, e.board().stoneCount(Board.BLACK));
    assertTrue(e.handle("loadsgf " + dir.resolve("missing.sgf")).startsWith("? cannot load file"));
    Files.writeString(dir.resolve("bad.sgf"), "(;SZ[9];B[ee];W[ee])");
    assertTrue(
        e.handle("loadsgf " + dir.resolve("bad.sgf")).contains("move 2 is illegal"),
        e.handle("loadsgf " + dir.resolve("bad.sgf")));
  }

  /** Black's stones on the left, two lone white stones on the right of a 5x5 board. */
  private static GtpEngine endgame(Evaluator evaluator) {
    GtpEngine e = engine(evaluator);
    e.handle("boardsize 5");
    for (String m : new String[] {"B B1", "W E5", "B B2", "W pass", "B A2", "W pass", "B B3"}) {
      ok(e, "play " + m);
    }
    ok(e, "play w D4");
    return e;
  }

  @Test
  void deadStonesComeFromBensonAndTheNetworksOwnership() {
    GtpEngine believer = endgame(BLACK_OWNS_ALL);
    assertEquals("E5\nD4", ok(believer, "final_status_list dead"), "chain by chain");
    assertTrue(ok(believer, "final_status_list alive").contains("B1"));
    assertEquals("", ok(believer, "final_status_list seki"));
    // With the two white stones taken off, black has the whole 25-point board.
    assertEquals("B+17.5", ok(believer, "final_score"));
    GtpEngine agnostic = endgame(UNIFORM);
    assertEquals("", ok(agnostic, "final_status_list dead"), "no opinion, nothing proven");
    assertTrue(agnostic.handle("final_status_list maybe").startsWith("? syntax error"));
  }

  @Test
  void cleanupDoesNotPassWhileTheOpponentHasDeadStones() {
    GtpEngine e = endgame(BLACK_OWNS_ALL);
    ok(e, "play b pass");
    ok(e, "play w pass");
    for (int i = 0; i < 6; i++) {
      String dead = ok(e, "final_status_list dead");
      String move = ok(e, "kgs-genmove_cleanup b");
      assertTrue(dead.isEmpty() || !move.equals("pass"), "white's " + dead + " are on the board");
      ok(e, "play w pass");
    }
  }

  @Test
  void genmoveResignsAHopelessGameButNotInTheOpening() {
    GtpEngine e =
        new GtpEngine(() -> BLACK_LOSES, Rules.chinese(), new GtpSettings(16, 0.1, 1000, 3));
    ok(e, "boardsize 5");
    ok(e, "komi 50"); // every count is white's too
    assertTrue(ok(e, "genmove b").matches("[A-E]\\d|pass"), "the opening is played");
    for (int i = 0; i < 7; i++) {
      ok(e, "play w pass");
      ok(e, "play b pass");
    }
    assertTrue(!ok(e, "genmove w").equals("resign"), "white is winning");
    assertTrue(!ok(e, "genmove b").equals("resign"), "one hopeless move is no resignation");
    assertTrue(!ok(e, "genmove w").equals("resign"));
    assertEquals("resign", ok(e, "genmove b"), "the second in a row is");
    assertTrue(e.handle("genmove w").startsWith("? the game is over"));
    GtpEngine never = engine(BLACK_LOSES);
    ok(never, "boardsize 5");
    for (int i = 0; i < 12; i++) {
      assertTrue(!ok(never, "genmove " + (i % 2 == 0 ? "b" : "w")).equals("resign"));
    }
  }

  @Test
  void regGenmoveLeavesTheGameAsItWas() {
    GtpEngine e = engine(UNIFORM);
    ok(e, "boardsize 9");
    ok(e, "play b E5");
    String move = ok(e, "reg_genmove b"); // black again: white would have passed
    assertTrue(move.matches("[A-HJ]\\d|pass"), move);
    assertEquals(1, e.board().stoneCount(Board.BLACK));
    assertEquals(0, e.board().stoneCount(Board.WHITE));
    ok(e, "play w D4");
    ok(e, "undo");
    ok(e, "undo");
    assertEquals("? cannot undo\n\n", e.handle("undo"));
  }

  @Test
  void kgsClocksAreUnderstood() {
    GtpEngine e = engine(UNIFORM);
    ok(e, "kgs-time_settings byoyomi 0 1 5");
    ok(e, "kgs-time_settings canadian 60 30 10");
    ok(e, "kgs-time_settings absolute 60");
    ok(e, "kgs-time_settings none");
    assertTrue(e.handle("kgs-time_settings sudden 5").startsWith("? syntax error"));
    assertTrue(e.handle("time_settings -1 0 0").startsWith("? syntax error"));
  }
}
