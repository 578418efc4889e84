package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RulesAndResultTest {

  @Test
  void presetsParseByNameAndNameThemselves() {
    assertEquals(Rules.chinese(), Rules.parse("Chinese"));
    assertEquals(Rules.trompTaylor(), Rules.parse("tromp_taylor"));
    assertEquals(Rules.newZealand(), Rules.parse("New Zealand"));
    for (String name : Rules.PRESETS) {
      assertEquals(name, Rules.parse(name).name());
      assertEquals(name, Rules.parse(name).withKomi(6).name());
    }
    assertEquals(KoRule.SITUATIONAL, Rules.newZealand().koRule());
    assertFalse(Rules.chinese().suicideAllowed());
    assertEquals(Scoring.TROMP_TAYLOR, Rules.trompTaylor().scoring());
  }

  @Test
  void japaneseAndAgaAreRefusedNotTreatedAsAnotherRuleSet() {
    String japanese =
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("japanese")).getMessage();
    assertTrue(japanese.contains("territory scoring"), japanese);
    String aga =
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("AGA")).getMessage();
    assertTrue(aga.contains("pass stones"), aga);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("ing"))
            .getMessage()
            .contains("supported: [chinese, tromp-taylor, new-zealand]"));
    assertFalse(Rules.isSupported(null));
  }

  @Test
  void komiMustBeFiniteHalfIntegralAndBounded() {
    Rules.checkKomi(-150);
    Rules.checkKomi(0.5);
    for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 7.25, 150.5}) {
      assertThrows(IllegalArgumentException.class, () -> Rules.chinese().withKomi(bad));
    }
  }

  @Test
  void resultsParseAndFormat() {
    assertEquals(GameResult.byResignation(Color.BLACK), GameResult.parse("B+R"));
    assertEquals(GameResult.byResignation(Color.WHITE), GameResult.parse("w+resign"));
    assertEquals(GameResult.byScore(Color.WHITE, 3.5), GameResult.parse("W+3.5"));
    assertEquals(GameResult.draw(), GameResult.parse("0"));
    assertEquals(GameResult.draw(), GameResult.parse("Draw"));
    assertEquals(GameResult.Decision.TIME, GameResult.parse("B+Time").decision());
    assertEquals(GameResult.Decision.FORFEIT, GameResult.parse("W+F").decision());
    for (String s : new String[] {"B+R", "W+3.5", "B+12", "0", "W+T", "B+F"}) {
      assertEquals(s, GameResult.parse(s).toString());
    }
    for (String bad : new String[] {"Void", "?", "B+", "B+3.2", "B+-1", "W+0", "X+1", "B+1e3"}) {
      assertThrows(IllegalArgumentException.class, () -> GameResult.parse(bad), bad);
    }
    assertEquals(-3.5, GameResult.parse("W+3.5").blackMargin());
    assertEquals(1, GameResult.parse("W+3.5").valueFor(Color.WHITE));
    assertEquals(-1, GameResult.parse("W+3.5").valueFor(Color.BLACK));
    assertEquals(0, GameResult.draw().valueFor(Color.BLACK));
  }
}
