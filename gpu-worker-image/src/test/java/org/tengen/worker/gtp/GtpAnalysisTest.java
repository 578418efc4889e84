package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Board;
import org.tengen.core.go.Rules;

/** lz-analyze, kata-analyze and the genmove_analyze commands, as GUIs read their lines. */
class GtpAnalysisTest {

  private static GtpEngine engine(int analysisVisits) {
    return new GtpEngine(
        () -> GtpCommandsTest.UNIFORM, Rules.chinese(), new GtpSettings(40, 0, analysisVisits, 5));
  }

  /** One analysis line split into its info entries, each a map of key to value (pv: the moves). */
  static List<Map<String, String>> entries(String line) {
    List<Map<String, String>> result = new ArrayList<>();
    for (String part : line.split("\\s*info\\s+")) {
      if (part.isBlank()) {
        continue;
      }
      int pv = part.indexOf(" pv ");
      assertTrue(pv > 0, "every candidate ends with its pv: " + part);
      String[] tokens = part.substring(0, pv).trim().split("\\s+");
      assertEquals(0, tokens.length % 2, "keys and values pair up: " + part);
      Map<String, String> entry = new HashMap<>();
      for (int i = 0; i < tokens.length; i += 2) {
        entry.put(tokens[i], tokens[i + 1]);
      }
      entry.put("pv", part.substring(pv + 4).trim());
      result.add(entry);
    }
    return result;
  }

  @Test
  void lzAnalyzeWritesLeelaZerosFields() {
    GtpEngine e = engine(60);
    e.handle("boardsize 9");
    e.handle("play b E5");
    String answer = e.handle("lz-analyze w 10");
    assertTrue(answer.startsWith("=\ninfo move ") && answer.endsWith("\n\n"), answer);
    String line = answer.lines().filter(l -> l.startsWith("info")).reduce((a, b) -> b).get();
    List<Map<String, String>> entries = entries(line);
    int total = 0;
    for (int i = 0; i < entries.size(); i++) {
      Map<String, String> m = entries.get(i);
      assertEquals(Integer.toString(i), m.get("order"));
      int winrate = Integer.parseInt(m.get("winrate"));
      assertTrue(winrate >= 0 && winrate <= 10_000, "hundredths of a percent: " + winrate);
      assertTrue(Integer.parseInt(m.get("lcb")) <= winrate);
      assertTrue(Integer.parseInt(m.get("prior")) > 0);
      assertEquals(m.get("move"), m.get("pv").split(" ")[0]);
      assertTrue(!m.get("move").equals("E5"), "an occupied point is no candidate");
      total += Integer.parseInt(m.get("visits"));
    }
    assertTrue(total > 0 && total < 60, "the root's visits less its own: " + total);
    assertEquals(1, e.board().stoneCount(Board.BLACK), "analysis plays nothing");
    assertEquals(0, e.board().stoneCount(Board.WHITE));
  }

  @Test
  void kataAnalyzeAddsScoreRootInfoAndOwnership() {
    GtpEngine e = engine(30);
    e.handle("boardsize 9");
    String answer = e.handle("kata-analyze b 10 maxmoves 3 ownership true rootInfo true");
    String line = answer.lines().filter(l -> l.startsWith("info")).reduce((a, b) -> b).get();
    int own = line.indexOf(" ownership ");
    assertTrue(own > 0, line);
    String[] values = line.substring(own + 11).trim().split(" ");
    assertEquals(81, values.length, "one value a point");
    for (String v : values) {
      assertTrue(Math.abs(Double.parseDouble(v)) <= 1);
    }
    int root = line.indexOf(" rootInfo ");
    assertTrue(root > 0 && root < own, line);
    assertTrue(line.substring(root, own).matches(" rootInfo visits 30 winrate [0-9.]+ .*"));
    List<Map<String, String>> entries = entries(line.substring(0, root));
    assertEquals(3, entries.size(), "maxmoves 3");
    for (Map<String, String> m : entries) {
      double winrate = Double.parseDouble(m.get("winrate"));
      assertTrue(m.get("winrate").contains(".") && winrate >= 0 && winrate <= 1);
      Double.parseDouble(m.get("scoreLead"));
      Double.parseDouble(m.get("utility"));
      assertEquals(m.get("visits"), m.get("edgeVisits"));
    }
    assertTrue(e.handle("kata-analyze b 10 pvVisits true").startsWith("? syntax error: unknown"));
    assertTrue(e.handle("kata-analyze b 10 interval").startsWith("? syntax error"));
  }

  @Test
  void genmoveAnalyzeEndsWithThePlayedMove() {
    GtpEngine e = engine(30);
    e.handle("boardsize 9");
    String answer = e.handle("kata-genmove_analyze b 1");
    List<String> lines = answer.strip().lines().toList();
    assertEquals("=", lines.get(0));
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("play ([A-HJ]\\d|pass)"), answer);
    assertTrue(lines.get(lines.size() - 2).startsWith("info move "), answer);
    if (!last.equals("play pass")) {
      assertEquals(1, e.board().stoneCount(Board.BLACK), "the move is played");
    }
    String lz = e.handle("lz-genmove_analyze w 1");
    assertTrue(lz.strip().lines().reduce((a, b) -> b).get().startsWith("play "), lz);
  }

  @Test
  void analysisStreamsUntilTheNextCommandArrives() throws Exception {
    GtpEngine e = engine(1_000_000);
    PipedOutputStream controller = new PipedOutputStream();
    PipedInputStream engineIn = new PipedInputStream(controller);
    ByteArrayOutputStream engineOut = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(engineOut, true, StandardCharsets.UTF_8);
    Thread engine =
        new Thread(
            () -> {
              try {
                e.run(
                    new BufferedReader(new InputStreamReader(engineIn, StandardCharsets.UTF_8)),
                    out);
              } catch (Exception ex) {
                throw new RuntimeException(ex);
              }
            });
    engine.start();
    controller.write("boardsize 9\n7 lz-analyze b 2\n".getBytes(StandardCharsets.UTF_8));
    controller.flush();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (countInfoLines(engineOut) < 3) {
      assertTrue(System.nanoTime() < deadline, "three analysis lines within a minute");
      Thread.sleep(20);
    }
    controller.write("8 name\nquit\n".getBytes(StandardCharsets.UTF_8));
    controller.flush();
    engine.join(30_000);
    assertTrue(!engine.isAlive(), "quit ends the loop");
    String text = engineOut.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("=\n\n=7\ninfo move "), text.substring(0, 60));
    int end = text.indexOf("\n\n=8 Tengen\n\n");
    assertTrue(end > 0, "the analysis ends with a blank line, then name answers");
    String analysis = text.substring(text.indexOf("=7\n") + 3, end);
    assertTrue(analysis.lines().allMatch(l -> l.startsWith("info move ")), analysis);
    assertTrue(text.endsWith("=8 Tengen\n\n=\n\n"), text.substring(text.length() - 40));
  }

  private static long countInfoLines(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("info")).count();
  }
}
