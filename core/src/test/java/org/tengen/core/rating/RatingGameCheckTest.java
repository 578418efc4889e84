package org.tengen.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.RatingApi.Result;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;

class RatingGameCheckTest {

  private static final Rules RULES = Rules.parse("chinese").withKomi(7.5);

  /** Black fills every point off the even rows and columns while White passes: Black owns all. */
  private static List<String> blackFillsTheBoard(int size) {
    List<String> moves = new ArrayList<>();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (x % 2 == 1 || y % 2 == 1) {
          moves.add(new Move(x, y).toGtp(size));
          moves.add("pass");
        }
      }
    }
    moves.add("pass");
    return moves;
  }

  @Test
  void theOutcomeIsTheCountOfTheReplayedGameFromTheCandidatesSide() {
    List<String> moves = blackFillsTheBoard(9);
    RatingGameCheck.Checked asBlack = RatingGameCheck.check(9, RULES, Color.BLACK, moves, "B+73.5");
    assertEquals(Result.WIN, asBlack.outcome());
    assertEquals("B+73.5", asBlack.result().toString());
    assertEquals(Result.LOSS, RatingGameCheck.check(9, RULES, Color.WHITE, moves, null).outcome());
    // Two passes on the empty board: White by komi.
    assertEquals(
        Result.WIN,
        RatingGameCheck.check(9, RULES, Color.WHITE, List.of("pass", "pass"), "W+7.5").outcome());
    // No komi, empty board: a draw.
    assertEquals(
        Result.DRAW,
        RatingGameCheck.check(9, RULES.withKomi(0), Color.BLACK, List.of("pass", "pass"), "0")
            .outcome());
  }

  @Test
  void aClaimThatDiffersFromTheCountIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RatingGameCheck.check(9, RULES, Color.WHITE, blackFillsTheBoard(9), "W+7.5"));
    assertTrue(e.getMessage().contains("counts B+73.5"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RatingGameCheck.check(9, RULES, Color.WHITE, List.of("pass", "pass"), "W+R"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> RatingGameCheck.check(9, RULES, Color.WHITE, List.of("pass", "pass"), "??"))
            .getMessage()
            .startsWith("result:"));
  }

  @Test
  void recordsThatAreNotAWholeLegalGameAreRefusedWithTheirReason() {
    assertMessage("no moves", List.of());
    assertMessage("no moves", null);
    assertMessage("is illegal", List.of("E5", "E5"));
    assertMessage("move 1:", List.of("E5", "Z99"));
    assertMessage("move 0 is not a GTP vertex", java.util.Arrays.asList((String) null));
    assertMessage("move 1 is not a GTP vertex", List.of("E5", "x".repeat(100_000)));
    assertMessage("two passes", List.of("E5", "D4"));
    assertMessage("two passes", List.of("pass"));
    assertMessage("after the game ended", List.of("pass", "pass", "E5"));
    List<String> endless = new ArrayList<>();
    for (int i = 0; i < RatingGameCheck.maxMoves(81) + 1; i++) {
      endless.add("pass");
    }
    assertMessage("at most " + RatingGameCheck.maxMoves(81), endless);
  }

  private static void assertMessage(String part, List<String> moves) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RatingGameCheck.check(9, RULES, Color.BLACK, moves, null));
    assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
  }
}
