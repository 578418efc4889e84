package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GameTest {

  private static final Rules SIMPLE_KO = new Rules(KoRule.SIMPLE, Scoring.AREA, false, 7.5);

  /** Three kos; white holds A and C, black holds B; black to move. */
  private static final String TRIPLE_KO =
      """
      . X O . . . X O .
      X O . O . X . X O
      . X O . . . X O .
      . . . . . . . . .
      . X O . . . . . .
      X O . O . . . . .
      . X O . . . . . .
      . . . . . . . . .
      . . . . . . . . .""";

  /**
   * Black takes A, white takes B, black takes C, white takes A, black takes B: each is a legal ko
   * capture, and white's retake of C would bring back the starting position with black to move.
   */
  private static final List<Move> TRIPLE_KO_CYCLE =
      List.of(
          Move.of(2, 1), Move.of(6, 1), Move.of(2, 5), Move.of(1, 1), Move.of(7, 1), Move.of(1, 5));

  private static Game game(String drawn, Color toMove, Rules rules) {
    return new Game(Board.parse(drawn), toMove, rules);
  }

  @Test
  void tripleKoCyclesForeverUnderSimpleKo() {
    Game game = game(TRIPLE_KO, Color.BLACK, SIMPLE_KO);
    String start = game.board().toString();
    for (int round = 0; round < 3; round++) {
      for (Move m : TRIPLE_KO_CYCLE) {
        assertEquals(Legality.LEGAL, game.play(m), "round " + round + " move " + m);
      }
      assertEquals(start, game.board().toString());
    }
  }

  @Test
  void tripleKoIsBrokenByPositionalAndSituationalSuperko() {
    for (Rules rules : List.of(Rules.chinese(), Rules.trompTaylor(), Rules.newZealand())) {
      Game game = game(TRIPLE_KO, Color.BLACK, rules);
      for (Move m : TRIPLE_KO_CYCLE.subList(0, 5)) {
        assertEquals(Legality.LEGAL, game.play(m), rules.name() + " " + m);
      }
      assertEquals(Legality.SUPERKO, game.play(TRIPLE_KO_CYCLE.get(5)), rules.name());
      assertEquals(5, game.moveCount(), "an illegal move changes nothing");
      assertEquals(Color.WHITE, game.toMove());
    }
  }

  /**
   * Black plays into self-atari with two stones, white captures both, and black's recapture of one
   * stone brings back the starting stones with white to move: positional superko forbids it,
   * situational superko does not (the player to move differs), simple ko does not either.
   */
  private static final String SENDING_TWO =
      """
      . X . O .
      X O O . .
      . . . . .
      . . . . .
      . . . . .""";

  @Test
  void sendingTwoReturningOneSeparatesPositionalFromSituational() {
    Move sendTwo = Move.of(2, 0), captureTwo = Move.of(0, 0), returnOne = Move.of(1, 0);
    Rules[] rules = {
      Rules.trompTaylor(), Rules.chinese(), Rules.newZealand(), SIMPLE_KO,
    };
    Legality[] expected = {Legality.SUPERKO, Legality.SUPERKO, Legality.LEGAL, Legality.LEGAL};
    for (int i = 0; i < rules.length; i++) {
      Game game = game(SENDING_TWO, Color.BLACK, rules[i]);
      assertEquals(Legality.LEGAL, game.play(sendTwo));
      assertEquals(Legality.LEGAL, game.play(captureTwo));
      assertEquals(2, game.board().capturedStones(Board.BLACK));
      assertEquals(expected[i], game.play(returnOne), rules[i].name());
    }
    Game nz = game(SENDING_TWO, Color.BLACK, Rules.newZealand());
    nz.play(sendTwo);
    nz.play(captureTwo);
    nz.play(returnOne);
    assertEquals(Board.parse(SENDING_TWO).toString(), nz.board().toString());
    assertEquals(Color.WHITE, nz.toMove());
  }

  @Test
  void koIsReportedAsKoUnderEveryRuleSet() {
    String ko =
        """
        . X O .
        X O . O
        . X O .
        . . . .""";
    for (Rules rules :
        List.of(Rules.chinese(), Rules.trompTaylor(), Rules.newZealand(), SIMPLE_KO)) {
      Game game = game(ko, Color.BLACK, rules);
      assertEquals(Legality.LEGAL, game.play(Move.of(2, 1)));
      assertEquals(Legality.KO, game.play(Move.of(1, 1)), rules.name());
    }
  }

  @Test
  void multiStoneSuicideFollowsTheRules() {
    String drawn =
        """
        X . O .
        O O . .
        . . . .
        . . . .""";
    Move suicide = Move.of(1, 0);
    assertEquals(Legality.SUICIDE, game(drawn, Color.BLACK, Rules.chinese()).play(suicide));
    for (Rules rules : List.of(Rules.trompTaylor(), Rules.newZealand())) {
      Game game = game(drawn, Color.BLACK, rules);
      assertEquals(Legality.LEGAL, game.play(suicide), rules.name());
      assertEquals(0, game.board().stoneCount(Board.BLACK));
      assertEquals(2, game.board().capturedStones(Board.BLACK));
    }
  }

  @Test
  void singleStoneSuicideIsIllegalUnderEveryRuleSet() {
    String drawn =
        """
        . O .
        O . .
        . . .""";
    for (Rules rules : List.of(Rules.chinese(), Rules.trompTaylor(), Rules.newZealand())) {
      assertEquals(
          Legality.SUICIDE, game(drawn, Color.BLACK, rules).play(Move.of(0, 0)), rules.name());
    }
  }

  @Test
  void occupiedAndOffBoardMovesAreRefused() {
    Game game = new Game(5, Rules.chinese());
    assertEquals(Legality.LEGAL, game.play(Move.of(2, 2)));
    assertEquals(Legality.OCCUPIED, game.play(Move.of(2, 2)));
    assertEquals(Legality.OFF_BOARD, game.play(Move.of(7, 7)));
    assertEquals(Color.WHITE, game.toMove());
  }

  @Test
  void twoPassesEndTheGameAndItIsScored() {
    Game game = new Game(5, Rules.chinese().withKomi(0.5));
    game.play(Move.of(2, 2));
    game.play(Move.PASS);
    assertFalse(game.isOver());
    game.play(Move.of(1, 1));
    game.play(Move.PASS);
    game.play(Move.PASS);
    assertTrue(game.isOver());
    assertEquals(Legality.GAME_OVER, game.play(Move.of(0, 0)));
    assertEquals(GameResult.byScore(Color.BLACK, 24.5), game.result());
    assertEquals("B+24.5", game.result().toString());
  }

  @Test
  void resignationEndsTheGame() {
    Game game = new Game(9, Rules.chinese());
    game.play(Move.of(4, 4));
    assertThrows(IllegalStateException.class, game::result);
    game.resign(Color.WHITE);
    assertTrue(game.isOver());
    assertEquals("B+R", game.result().toString());
    assertTrue(game.undo());
    assertFalse(game.isOver());
  }

  @Test
  void undoReplaysToThePreviousPositionIncludingSuperkoHistory() {
    Game game = game(TRIPLE_KO, Color.BLACK, Rules.chinese());
    for (Move m : TRIPLE_KO_CYCLE.subList(0, 5)) {
      game.play(m);
    }
    String before = game.board().toString();
    assertEquals(Legality.LEGAL, game.play(Move.of(8, 8)));
    assertTrue(game.undo());
    assertEquals(before, game.board().toString());
    assertEquals(Color.WHITE, game.toMove());
    assertEquals(Legality.SUPERKO, game.play(TRIPLE_KO_CYCLE.get(5)));
    while (game.undo()) {}
    assertEquals(Board.parse(TRIPLE_KO).toString(), game.board().toString());
    assertFalse(game.undo());
  }

  @Test
  void copyIsIndependent() {
    Game game = new Game(9, Rules.chinese());
    game.play(Move.of(2, 2));
    Game copy = game.copy();
    copy.play(Move.of(3, 3));
    assertEquals(1, game.moveCount());
    assertEquals(2, copy.moveCount());
    assertEquals(Board.EMPTY, game.board().get(3, 3));
  }

  /** Each side has one eye and they share two liberties: a seki. */
  private static final String SEKI =
      """
      . X . O .
      X X X O O
      X X X O O
      X X O O O
      X X . O O""";

  @Test
  void sekiIsScoredAsSeki() {
    Board board = Board.parse(SEKI);
    int[] passAlive = PassAlive.ownership(board);
    for (int v : passAlive) {
      assertEquals(0, v, "no stone of a seki is pass-alive");
    }
    for (Scoring scoring : Scoring.values()) {
      AreaScore score = AreaScore.count(board, scoring, 0.5);
      assertEquals(11, score.blackStones());
      assertEquals(10, score.whiteStones());
      assertEquals(1, score.blackTerritory(), "black's eye");
      assertEquals(1, score.whiteTerritory(), "white's eye");
      assertEquals(0, score.ownership()[2], "shared liberty is neutral");
      assertEquals(0, score.ownership()[4 * 5 + 2], "shared liberty is neutral");
      assertEquals("B+0.5", score.result().toString());
    }
  }

  /** Black lives with two eyes; a white stone sits dead inside black's pass-alive area. */
  private static final String DEAD_INSIDE =
      """
      . X . X O .
      X X X X O .
      . O . X O .
      X X X X O .
      . X . X O .
      X X X X O .""";

  @Test
  void areaScoringRemovesStonesDeadInsidePassAliveTerritory() {
    Board board = Board.parse(DEAD_INSIDE);
    AreaScore tromp = AreaScore.count(board, Scoring.TROMP_TAYLOR, 0);
    AreaScore area = AreaScore.count(board, Scoring.AREA, 0);
    assertEquals(7, tromp.whiteStones());
    assertEquals(21, tromp.blackArea());
    assertEquals(13, tromp.whiteArea());
    assertEquals(6, area.whiteStones(), "the white stone inside is dead");
    assertEquals(24, area.blackArea(), "the dead stone's region is black's");
    assertEquals(12, area.whiteArea());
    assertEquals(1, area.ownership()[2 * 6 + 1]);
    assertEquals(-1, tromp.ownership()[2 * 6 + 1]);
    assertEquals(0, tromp.ownership()[2 * 6], "reaches both colours under Tromp-Taylor");
  }

  @Test
  void bensonFindsPassAliveGroupsAndTerritory() {
    int[] own =
        PassAlive.ownership(
            Board.parse(
                """
                . X . X . O . O
                X X X X . O O O
                . . . . . . . .
                . . . . . . . .
                . . . . . . . .
                . . . . . . . .
                . . . . . . . .
                . . . . . . . ."""));
    // Black: two one-point eyes in the corner, pass-alive; white: one eye only, not alive.
    int[] row0 = java.util.Arrays.copyOfRange(own, 0, 8);
    int[] row1 = java.util.Arrays.copyOfRange(own, 8, 16);
    assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0, 0, 0}, row0);
    assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0, 0, 0}, row1);
    assertFalse(PassAlive.isSettled(Board.parse(". X\n. .")));
    // Two diagonal black stones on 2x2: white has no legal move, so both are pass-alive.
    assertTrue(PassAlive.isSettled(Board.parse(". X\nX .")));
  }

  @Test
  void aBoardOwnedByPassAliveGroupsIsSettled() {
    Board board =
        Board.parse(
            """
            . X . X O . O
            X X X X O O O
            . X . X O . O
            X X X X O O O
            . X . X O . O
            X X X X O O O
            . X . X O . O""");
    assertTrue(PassAlive.isSettled(board));
    AreaScore score = AreaScore.count(board, Scoring.AREA, 7.5);
    assertEquals(28, score.blackArea());
    assertEquals(21, score.whiteArea());
    assertEquals("W+0.5", score.result().toString());
  }
}
