package org.tengen.core.sgf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.sgf.SgfGame.SgfMove;

class SgfTest {

  static String resource(String name) throws IOException {
    try (InputStream in = SgfTest.class.getResourceAsStream("/sgf/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * GNU Go 3.8 played this game against itself (level 1, Chinese rules, --capture-all-dead) and
   * wrote it with "--score finish". Its RE holds GNU Go's estimate; its own final count of the
   * position ("loadsgf" then "final_score" under --chinese-rules) is B+15.5, which area scoring
   * must reproduce.
   */
  @Test
  void replaysAFull19x19GnuGoGameToItsKnownResult() throws IOException {
    SgfGame sgf = SgfReader.parse(resource("gnugo-19x19-chinese.sgf"));
    assertEquals(19, sgf.boardSize());
    assertEquals(7.5, sgf.komi());
    assertEquals("Chinese", sgf.rules());
    assertEquals("B+19.2", sgf.result());
    assertTrue(sgf.parsedResult().isEmpty(), "19.2 is not a multiple of 0.5");
    assertEquals(216, sgf.moves().size());
    assertEquals(new SgfMove(Color.BLACK, Move.parseGtp("Q16", 19), null), sgf.moves().get(0));
    Game game = sgf.replay();
    assertTrue(game.isOver(), "the record ends with two passes");
    assertEquals(GameResult.byScore(Color.BLACK, 15.5), game.result());
    assertEquals(
        game.result(),
        org.tengen.core.go.AreaScore.count(game.board(), Scoring.TROMP_TAYLOR, 7.5).result(),
        "every dead stone was captured, so Tromp-Taylor agrees");
  }

  @Test
  void replaysA9x9GnuGoGameToItsKnownResult() throws IOException {
    SgfGame sgf = SgfReader.parse(resource("gnugo-9x9-chinese.sgf"));
    Game game = sgf.replay(Rules.chinese());
    assertEquals("W+4.5", sgf.result());
    assertEquals(sgf.parsedResult().orElseThrow(), game.result());
  }

  @Test
  void readsAKgsStyleHandicapGameWithVariations() throws IOException {
    SgfGame sgf = SgfReader.parse(resource("kgs-style-handicap.sgf"));
    assertEquals(2, sgf.handicap());
    assertEquals(0.5, sgf.komi());
    assertEquals(List.of(Move.parseGtp("D4", 19), Move.parseGtp("Q16", 19)), sgf.blackSetup());
    assertEquals(Color.WHITE, sgf.firstPlayer());
    assertEquals("tengen-black", sgf.blackPlayer());
    assertEquals(
        "tengen-white [4k]: have a good game\ntengen-black [6k]: you too \\o/\n", sgf.comment());
    assertEquals(GameResult.byResignation(Color.WHITE), sgf.parsedResult().orElseThrow());
    // Main line: 4 moves, then the first variation's 5; the second variation is dropped.
    assertEquals(9, sgf.moves().size());
    assertEquals("a soft line break", sgf.moves().get(3).comment());
    assertEquals(Move.parseGtp("C6", 19), sgf.moves().get(4).move());
    assertEquals(Move.PASS, sgf.moves().get(8).move(), "tt is a pass on 19x19");
    IllegalArgumentException japanese = assertThrows(IllegalArgumentException.class, sgf::replay);
    assertTrue(japanese.getMessage().contains("territory scoring"), japanese.getMessage());
    Game game = sgf.replay(Rules.chinese());
    assertEquals(9, game.moveCount());
    assertEquals(Board.BLACK, game.board().get(3, 15));
  }

  @Test
  void roundTripIsLosslessForWhatTengenWrites() {
    SplittableRandom random = new SplittableRandom(5);
    for (int size : new int[] {2, 5, 9, 13, 19}) {
      Game game = new Game(size, Rules.newZealand().withKomi(6.5));
      while (!game.isOver() && game.moveCount() < size * size * 2) {
        Move m = Move.ofIndex(random.nextInt(size * size + 1), size);
        game.play(m);
      }
      if (!game.isOver()) {
        game.resign(game.toMove());
      }
      SgfGame sgf = SgfGame.of(game);
      List<SgfMove> commented =
          sgf.moves().stream()
              .map(
                  m ->
                      new SgfMove(m.color(), m.move(), random.nextInt(4) == 0 ? "a]b\\c\nd" : null))
              .toList();
      SgfGame full =
          new SgfGame(
              size,
              6.5,
              "new-zealand",
              sgf.result(),
              "B [1d]",
              "W\\x",
              "2026-11-24",
              "root ] comment",
              0,
              List.of(),
              List.of(),
              Color.BLACK,
              commented);
      String written = SgfWriter.write(full);
      SgfGame read = SgfReader.parse(written);
      assertEquals(full, read);
      assertEquals(written, SgfWriter.write(read));
      assertEquals(game.board().toString(), read.replay().board().toString());
    }
  }

  @Test
  void roundTripKeepsSetupStonesAndWhiteToMove() {
    SgfGame game =
        new SgfGame(
            9,
            0.5,
            "chinese",
            null,
            null,
            null,
            null,
            null,
            2,
            List.of(Move.of(2, 2), Move.of(6, 6)),
            List.of(Move.of(4, 4)),
            Color.WHITE,
            List.of());
    assertEquals(game, SgfReader.parse(SgfWriter.write(game)));
  }

  @Test
  void readsCompressedPointListsAndFf3PropertyNames() {
    SgfGame sgf = SgfReader.parse("(;SZ[9]AddBlack[aa:bb][ee]PLayer[W])");
    assertEquals(5, sgf.blackSetup().size());
    assertEquals(Color.WHITE, sgf.firstPlayer());
  }

  @Test
  void mainLineFollowsTheFirstVariationAtEveryBranch() {
    SgfGame sgf = SgfReader.parse("(;SZ[9];B[aa](;W[bb](;B[cc])(;B[dd]));W[ee])(;SZ[5])");
    assertEquals(
        List.of(Move.of(0, 0), Move.of(1, 1), Move.of(2, 2)),
        sgf.moves().stream().map(SgfMove::move).toList());
  }

  @Test
  void malformedSgfNamesThePlaceOfTheError() {
    SgfException unclosed =
        assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9]\n;B[aa]C[oops\\]\n)"));
    assertEquals(2, unclosed.line());
    assertEquals(8, unclosed.column());

    SgfException offBoard =
        assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9];B[aa];W[zz])"));
    assertEquals(1, offBoard.line());
    assertEquals(16, offBoard.column(), "the value of W[zz]");
    assertTrue(offBoard.getMessage().contains("off a 9x9 board"), offBoard.getMessage());

    assertThrows(SgfException.class, () -> SgfReader.parse(""));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9];B[aa]"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[nine])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[25])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[19:13])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9]KM[lots])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9];B[aa]W[bb])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9];B)"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9]AB[aa:zz])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9];B[aa];AB[bb])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9]PL[X])"));
    assertThrows(SgfException.class, () -> SgfReader.parse("(;SZ[9]]"));
    assertThrows(SgfException.class, () -> SgfReader.parse("((;SZ[9]))"));
  }

  @Test
  void deeplyNestedVariationsNeitherOverflowNorHang() {
    String deepMain = "(;SZ[9]" + "(;C[x]".repeat(200_000) + ")".repeat(200_000) + ")";
    SgfException tooLong = assertThrows(SgfException.class, () -> SgfReader.parse(deepMain));
    assertTrue(tooLong.getMessage().contains("more than 10000 nodes"), tooLong.getMessage());
    String deepSide = "(;SZ[9](;B[aa])" + "(;C[x]".repeat(200_000) + ")".repeat(200_000) + ")";
    assertEquals(1, SgfReader.parse(deepSide).moves().size());
  }

  @Test
  void replayNamesTheIllegalMove() {
    SgfGame sgf = SgfReader.parse("(;SZ[9];B[aa];W[bb];B[aa])");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sgf.replay(Rules.chinese()));
    assertEquals("move 3 (B A9) is illegal: OCCUPIED", e.getMessage());
    SgfGame outOfTurn = SgfReader.parse("(;SZ[9];B[aa];B[bb])");
    assertThrows(IllegalArgumentException.class, () -> outOfTurn.replay(Rules.chinese()));
  }

  @Test
  void absentPropertiesHaveFf4Defaults() {
    SgfGame sgf = SgfReader.parse("(;)");
    assertEquals(19, sgf.boardSize());
    assertEquals(0, sgf.komi());
    assertNull(sgf.result());
    assertEquals(Color.BLACK, sgf.firstPlayer());
  }
}
