package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Move;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfProperty;
import org.tengen.core.sgf.SgfReader;
import org.tengen.core.sgf.SgfTree;
import org.tengen.core.sgf.SgfWriter;

/**
 * SGF game trees between Tengen and Sabaki's own SGF library ({@code @sabaki/sgf}, run with node):
 * Sabaki reads what Tengen writes (variations, escapes, unknown properties) and writes it back to
 * equal trees; Tengen reads a tree that Sabaki's library built.
 */
class SabakiSgfTest {

  private static SgfTree.Node node(int parent, SgfProperty... properties) {
    return new SgfTree.Node(parent, List.of(properties));
  }

  private static SgfProperty p(String id, String... values) {
    return new SgfProperty(id, List.of(values));
  }

  @Test
  void sabakiReadsTengensTreesAndTengenReadsSabakis(@TempDir Path dir) throws Exception {
    GuiClients.assumeInstalled("sgf");
    SgfTree tree =
        new SgfTree(
            List.of(
                node(
                    -1,
                    p("GM", "1"),
                    p("FF", "4"),
                    p("SZ", "9"),
                    p("C", "a ] bracket, a \\ backslash, ünïcødé, a colon: and\na new line"),
                    p("AB", "cc", "gg")),
                node(0, p("B", "ee"), p("C", "first move")),
                node(1, p("W", "dd")),
                node(2, p("B", "")),
                node(1, p("W", "ff"), p("TR", "ee"), p("SBKV", "48.2")),
                node(4, p("B", "tt")),
                node(4, p("B", "de"), p("LB", "dd:x", "de:y"))));
    Path mine = dir.resolve("tengen.sgf");
    Files.writeString(mine, SgfWriter.write(tree), StandardCharsets.UTF_8);
    Path back = dir.resolve("sabaki-roundtrip.sgf");
    Path built = dir.resolve("sabaki-built.sgf");
    Process p =
        new ProcessBuilder(
                GuiClients.NODE.toString(),
                "sgf-check.js",
                mine.toString(),
                back.toString(),
                built.toString())
            .directory(GuiClients.NODE_PROJECT.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("\"games\":1,\"nodes\":7,\"branches\":2"), out);
    assertTrue(out.contains("\"mainLine\":[\"Bee\",\"Wdd\",\"B\"]"), out);
    assertTrue(out.contains("a ] bracket, a \\\\ backslash, ünïcødé"), out);

    List<SgfTree> roundTrip =
        SgfReader.parseCollection(Files.readString(back, StandardCharsets.UTF_8));
    assertEquals(List.of(tree), roundTrip, "Sabaki's rewrite reads back to the same tree");

    String sabakis = Files.readString(built, StandardCharsets.UTF_8);
    SgfTree theirs = SgfReader.parseCollection(sabakis).get(0);
    assertEquals(6, theirs.nodes().size());
    assertEquals(2, theirs.branchPoints());
    assertEquals(
        "brackets ] and \\ backslashes; a colon: here",
        theirs.nodes().get(0).property("C").orElseThrow().values().get(0));
    assertEquals(
        List.of("fd:A", "fe:B"),
        theirs.nodes().get(4).property("LB").orElseThrow().values(),
        "a variation's labels");
    SgfGame game = SgfReader.parse(sabakis);
    assertEquals(6.5, game.komi());
    assertEquals(2, game.blackSetup().size());
    assertEquals(Move.PASS, game.moves().get(1).move(), "B[] is a pass");
    assertEquals(game.moves().size() + 1, theirs.mainLine().size());
    assertEquals(
        SgfWriter.write(theirs),
        SgfWriter.write(SgfReader.parseCollection(SgfWriter.write(theirs))),
        "Tengen's own rewrite is stable");
  }
}
