package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayoutDeadStonesTest {

  /** Two walls; one white stone alone inside black's large area. */
  private static final String DEAD_INVADER =
      """
      . . . . X O .
      . . . . X O .
      . . . . X O .
      . O . . X O .
      . . . . X O .
      . . . . X O .
      . . . . X O .""";

  @Test
  void aStoneAloneInTheOpponentsAreaIsTakenOffBeforeAnAreaCount() {
    Board board = Board.parse(DEAD_INVADER);
    Board cleaned = PlayoutDeadStones.withoutDead(board, Color.BLACK, Rules.chinese());
    assertEquals(Board.EMPTY, cleaned.get(cleaned.loc(Move.parseGtp("B4", 7))), "the invader");
    assertEquals(7, cleaned.stoneCount(Board.BLACK), "black's wall lives");
    assertEquals(7, cleaned.stoneCount(Board.WHITE), "white's wall lives, the invader is gone");
    assertEquals(
        cleaned.toCompactString(),
        PlayoutDeadStones.withoutDead(board, Color.BLACK, Rules.chinese()).toCompactString(),
        "seeded from the position: the worker and the validator count alike");
  }

  @Test
  void chineseRulesCountWithoutTheDeadStoneTrompTaylorCountsEveryStone() {
    Board board = Board.parse(DEAD_INVADER);
    Game chinese = new Game(board, Color.BLACK, Rules.chinese().withKomi(0.5));
    chinese.play(Move.PASS);
    chinese.play(Move.PASS);
    // 7 black stones and the 28 points left of them against 7 white stones and 7 points.
    assertEquals(20.5, chinese.score().blackMargin(), 1e-9);
    assertEquals(Color.BLACK, chinese.result().winner());
    Game tromp = new Game(board, Color.BLACK, Rules.trompTaylor().withKomi(0.5));
    tromp.play(Move.PASS);
    tromp.play(Move.PASS);
    // The invader touches the left region, so none of it is black's: 7 against 8 stones and 7.
    assertEquals(-8.5, tromp.score().blackMargin(), 1e-9);
    assertTrue(tromp.score().ownership()[3 * 7] == 0, "the left region is nobody's");
  }
}
