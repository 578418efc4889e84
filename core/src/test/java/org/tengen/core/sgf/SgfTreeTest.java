package org.tengen.core.sgf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Move;

/** Whole game trees: variations, unknown properties and escapes survive a round trip. */
class SgfTreeTest {

  /** As Sabaki and KGS write them: variations, markup, unknown properties, both pass forms. */
  private static final String FILE =
      """
      (;GM[1]FF[4]CA[UTF-8]AP[Sabaki:0.52.2]KM[6.5]SZ[9]DT[2026-12-03]
      PB[Black \\] player]PW[White\\\\]GC[game comment]AB[cc][gg]AW[ee]HA[2]
      ;W[dd]C[first: a comment
      over two lines]SBKV[48.20]
      (;B[de]MN[3];W[]
      (;B[tt])
      (;B[ef]LB[ef:A][eg:B]TR[ff])
      )
      (;B[ce]N[a variation]
      ;W[cd]))
      (;SZ[13];B[gg])
      """;

  @Test
  void everyNodeAndPropertyIsKept() {
    List<SgfTree> collection = SgfReader.parseCollection(FILE);
    assertEquals(2, collection.size(), "two games in the collection");
    SgfTree tree = collection.get(0);
    assertEquals(8, tree.nodes().size());
    assertEquals(2, tree.branchPoints());
    SgfTree.Node root = tree.nodes().get(0);
    assertEquals("Black ] player", root.property("PB").orElseThrow().values().get(0));
    assertEquals("White\\", root.property("PW").orElseThrow().values().get(0));
    assertEquals(List.of("cc", "gg"), root.property("AB").orElseThrow().values());
    assertEquals("48.20", tree.nodes().get(1).property("SBKV").orElseThrow().values().get(0));
    assertEquals(
        "first: a comment\nover two lines",
        tree.nodes().get(1).property("C").orElseThrow().values().get(0));
    assertEquals(List.of("ef:A", "eg:B"), tree.nodes().get(5).property("LB").get().values());
    assertEquals(
        List.of("GM", "FF", "CA", "AP", "KM", "SZ", "DT", "PB", "PW", "GC", "AB", "AW", "HA"),
        root.properties().stream().map(SgfProperty::id).toList(),
        "in the file's order");
    assertEquals(5, tree.mainLine().size(), "root, W dd, B de, W pass, B tt");
  }

  @Test
  void writingAndReadingBackIsLossless() {
    List<SgfTree> collection = SgfReader.parseCollection(FILE);
    String written = SgfWriter.write(collection);
    assertEquals(collection, SgfReader.parseCollection(written));
    assertEquals(written, SgfWriter.write(SgfReader.parseCollection(written)), "stable text");
  }

  @Test
  void theMainLineOfTheTreeIsTheGame() {
    SgfGame game = SgfReader.parse(FILE);
    assertEquals(9, game.boardSize());
    assertEquals(4, game.moves().size());
    assertEquals(Move.PASS, game.moves().get(2).move(), "W[] is a pass");
    assertEquals(Move.PASS, game.moves().get(3).move(), "B[tt] is a pass on 9x9 too");
    SgfGame fromWritten = SgfReader.parse(SgfWriter.write(SgfReader.parseCollection(FILE)));
    assertEquals(game, fromWritten);
  }

  @Test
  void filesOtherProgramsWroteRoundTrip() throws Exception {
    for (String name :
        List.of("gnugo-19x19-chinese.sgf", "gnugo-9x9-chinese.sgf", "kgs-style-handicap.sgf")) {
      String text = SgfTest.resource(name);
      List<SgfTree> trees = SgfReader.parseCollection(text);
      assertEquals(trees, SgfReader.parseCollection(SgfWriter.write(trees)), name);
      assertEquals(
          SgfReader.parse(text), SgfReader.parse(SgfWriter.write(trees)), name + ": same game");
    }
    SgfTree kgs = SgfReader.parseCollection(SgfTest.resource("kgs-style-handicap.sgf")).get(0);
    assertTrue(kgs.branchPoints() >= 1, "the KGS file's variations are kept");
  }

  @Test
  void deeplyNestedVariationsNeitherRecurseNorOverflow() {
    int depth = 20_000;
    StringBuilder sb = new StringBuilder("(;SZ[9]");
    for (int i = 0; i < depth; i++) {
      sb.append("(;B[aa])(;W[bb]");
    }
    sb.append(")".repeat(depth)).append(")");
    SgfTree tree = SgfReader.parseCollection(sb.toString()).get(0);
    assertEquals(2 * depth + 1, tree.nodes().size());
    assertEquals(depth, tree.branchPoints());
    String written = SgfWriter.write(tree);
    assertEquals(tree, SgfReader.parseCollection(written).get(0));
  }

  @Test
  void brokenTreesAreRefusedWithTheirPlace() {
    SgfException open =
        assertThrows(SgfException.class, () -> SgfReader.parseCollection("(;B[aa]"));
    assertTrue(open.getMessage().contains("not closed"), open.getMessage());
    SgfException bare =
        assertThrows(SgfException.class, () -> SgfReader.parseCollection("(;B[aa]()"));
    assertTrue(bare.getMessage().contains("must start with a node"), bare.getMessage());
    StringBuilder many = new StringBuilder("(;");
    for (int i = 0; i <= SgfReader.MAX_TREE_NODES; i++) {
      many.append("(;)");
    }
    SgfException big =
        assertThrows(SgfException.class, () -> SgfReader.parseCollection(many + ")"));
    assertTrue(big.getMessage().contains("more than"), big.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SgfProperty("b", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SgfTree(List.of(new SgfTree.Node(-1, List.of()), new SgfTree.Node(5, List.of()))));
  }
}
