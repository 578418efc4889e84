package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;

class GtpEngineTest {

  /** Uniform priors and an even value: the search's own mechanics decide. */
  private static final Evaluator UNIFORM =
      pos -> {
        int size = pos.board().size();
        float[] policy = new float[size * size + 1];
        Arrays.fill(policy, 1f / policy.length);
        return new Evaluation(policy, 0.5f, 0.5f, 0, 0, new float[size * size]);
      };

  private static GtpEngine engine() {
    return new GtpEngine(() -> UNIFORM, Rules.chinese(), 32, 1);
  }

  @Test
  void answersCarryTheIdAndEndWithABlankLine() {
    GtpEngine e = engine();
    assertEquals("= 2\n\n", e.handle("protocol_version"));
    assertEquals("=7 Tengen\n\n", e.handle("7 name"));
    assertEquals("=3 true\n\n", e.handle("3 known_command genmove"));
    assertEquals("= false\n\n", e.handle("known_command kata-teleport"));
    assertEquals("?9 unknown command\n\n", e.handle("9 kata-teleport"));
    assertNull(e.handle("   # a comment line"));
    assertNull(e.handle(""));
    assertTrue(e.handle("list_commands").contains("\nfinal_score\n"));
    assertEquals("= \n\n".strip(), e.handle("boardsize\t9 # trailing comment").strip());
  }

  @Test
  void movesAreCheckedAndUndone() {
    GtpEngine e = engine();
    e.handle("boardsize 9");
    e.handle("clear_board");
    assertEquals("=\n\n", e.handle("play b E5"));
    assertEquals("? illegal move\n\n", e.handle("play w E5"));
    assertEquals("? invalid coordinate\n\n", e.handle("play w Z99"));
    assertEquals("? invalid color\n\n", e.handle("play purple D4"));
    assertEquals("? syntax error\n\n", e.handle("play b"));
    assertEquals("? unacceptable size\n\n", e.handle("boardsize 42"));
    assertEquals("=\n\n", e.handle("undo"));
    assertEquals("=\n\n", e.handle("play w E5"), "white may play first: black passed");
    assertEquals("=\n\n", e.handle("undo"));
    assertEquals("=\n\n", e.handle("undo"));
    assertEquals("? cannot undo\n\n", e.handle("undo"));
    assertEquals(
        "? komi 999 refused: komi 999.0 is outside -150..150\n\n".substring(0, 18),
        e.handle("komi 999").substring(0, 18));
  }

  @Test
  void playGoesOnAfterBothPassedAndUndoesBackToTheEnd() {
    GtpEngine e = engine();
    e.handle("boardsize 9");
    e.handle("clear_board");
    assertEquals("=\n\n", e.handle("play b E5"));
    assertEquals("=\n\n", e.handle("play w pass"));
    assertEquals("=\n\n", e.handle("play b pass"));
    assertEquals("=\n\n", e.handle("play w D4"), "a controller may go on after two passes");
    assertEquals("=\n\n", e.handle("undo"));
    assertEquals("=\n\n", e.handle("undo"));
    assertEquals("=\n\n", e.handle("play b pass"), "one pass taken back: the game goes on");
    assertEquals("=\n\n", e.handle("play w C3"));
    String move = e.handle("genmove b");
    assertTrue(move.startsWith("= ") && !move.startsWith("= ?"), move);
  }

  @Test
  void genmovePlaysALegalMoveAndTheGameCanBeCounted() {
    GtpEngine e = engine();
    e.handle("boardsize 5");
    e.handle("komi 0.5");
    for (int i = 0; i < 6; i++) {
      String answer = e.handle("genmove " + (i % 2 == 0 ? "b" : "w"));
      assertTrue(answer.matches("= ([A-HJ-T][0-9]{1,2}|pass)\\n\\n"), answer);
    }
    assertTrue(e.handle("showboard").startsWith("= \n"));
    assertTrue(e.handle("final_score").matches("= (B\\+|W\\+)[0-9.]+\\n\\n|= 0\\n\\n"));
    e.handle("play b pass");
    e.handle("play w pass");
    String score = e.handle("final_score");
    // After both passed, a controller may still ask for a move (GNU Go answers too).
    assertTrue(e.handle("genmove b").matches("= ([A-HJ-T][0-9]{1,2}|pass)\n\n"));
    assertTrue(score.matches("= (B\\+|W\\+)[0-9.]+\n\n|= 0\n\n"), score);
  }

  @Test
  void aClockLimitsTheSearchAndQuitEndsTheLoop() throws Exception {
    GtpEngine e = engine();
    e.handle("time_settings 0 1 1");
    e.handle("time_left b 1 1");
    StringBuilder script = new StringBuilder("boardsize 9\ngenmove b\nquit\nname\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.run(new BufferedReader(new StringReader(script.toString())), new PrintStream(out, true));
    String text = out.toString();
    assertTrue(text.startsWith("=\n\n= "), text);
    assertTrue(text.endsWith("=\n\n"), "nothing answered after quit: " + text);
    assertTrue(e.quitRequested());
  }
}
