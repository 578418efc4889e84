package org.tengen.core.selfplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;

class VarietyTest {

  @Test
  void noVarietyDrawsNothingAndKeepsTheRunsRules() {
    SplittableRandom a = new SplittableRandom(1);
    SplittableRandom b = new SplittableRandom(1);
    Rules run = Rules.chinese();
    assertSame(run, Variety.NONE.rulesFor(run, 9, a));
    assertEquals(0, Variety.NONE.openingMoves(a));
    assertEquals(b.nextLong(), a.nextLong(), "the random sequence is untouched");
  }

  @Test
  void katagoLikeKomiCentresOnTheRunsInHalfPointsWithAFewFarOnes() {
    Variety v = Variety.katagoLike(9);
    SplittableRandom r = new SplittableRandom(7);
    Rules run = Rules.chinese().withKomi(7.5);
    int n = 20_000;
    double sum = 0;
    int changed = 0;
    int far = 0;
    for (int i = 0; i < n; i++) {
      double k = v.rulesFor(run, 9, r).komi();
      assertEquals(k * 2, Math.rint(k * 2), 0, "a multiple of 0.5: " + k);
      assertTrue(Math.abs(k - 7.5) <= 81, "within the board's area: " + k);
      sum += k;
      changed += k != 7.5 ? 1 : 0;
      far += Math.abs(k - 7.5) > 4 ? 1 : 0;
    }
    assertEquals(7.5, sum / n, 0.1);
    assertTrue(changed > n / 2, "most games move off the run's komi: " + changed);
    // Only the wide draws (1 in 20, sd 4.05) land beyond 4 points: about a third of those.
    assertTrue(far > n / 200 && far < n / 25, "far komi: " + far);
  }

  @Test
  void everyGameOpensWithAFewPolicyMoves() {
    Variety v = Variety.katagoLike(9);
    SplittableRandom r = new SplittableRandom(9);
    int n = 20_000;
    int opened = 0;
    long moves = 0;
    for (int i = 0; i < n; i++) {
      int m = v.openingMoves(r);
      if (m > 0) {
        opened++;
        moves += m;
      }
    }
    assertEquals(n, opened);
    assertEquals(3.4, (double) moves / opened, 0.3, "about points/25, at least 1");
    int some = 0;
    Variety fifth = new Variety(1, 0, 0, 0.2, 3);
    for (int i = 0; i < n; i++) {
      some += fifth.openingMoves(r) > 0 ? 1 : 0;
    }
    assertEquals(0.2, (double) some / n, 0.015, "a share of games when asked");
  }

  @Test
  void varietiesAreParsedAndBadOnesNamed() {
    assertEquals(Variety.NONE, Variety.parse("none", 19));
    assertEquals(Variety.katagoLike(19), Variety.parse(" KataGo ", 19));
    assertEquals(new Variety(1, 0.1, 10, 0.5, 4), Variety.parse("1,0.1,10,0.5,4", 9));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Variety.parse("lots", 9));
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Variety.parse("1,2,3,4,5", 9));
    assertThrows(IllegalArgumentException.class, () -> Variety.parse("1,x,3,0.5,5", 9));
    assertEquals(new Variety(1, 0.1, 10, 0.5, 4, 0.3), Variety.parse("1,0.1,10,0.5,4,0.3", 9));
    assertThrows(IllegalArgumentException.class, () -> Variety.parse("1,0.1,10,0.5,4,1.5", 9));
    assertThrows(IllegalArgumentException.class, () -> Variety.parse("1,0.1,10,0.5,4,0.3,1", 9));
  }

  @Test
  void aShareOfGamesIsPlayedUnderTheOtherPresetsAtTheRunsKomi() {
    Variety v = new Variety(0, 0, 0, 0, 0, 0.3);
    assertTrue(v.drawsRules());
    assertFalse(v.drawsKomi(), "komi stays the run's");
    SplittableRandom r = new SplittableRandom(9);
    Rules run = Rules.chinese();
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    int n = 6_000;
    for (int i = 0; i < n; i++) {
      Rules game = v.rulesFor(run, 9, r);
      assertEquals(7.5, game.komi(), "the run's komi under any rules");
      seen.merge(game.name(), 1, Integer::sum);
    }
    assertEquals(java.util.Set.copyOf(Rules.PRESETS), seen.keySet(), "every preset: " + seen);
    assertEquals(
        0.7, seen.get("chinese") / (double) n, 0.02, "the run's rules the rest of the time");
    assertEquals(seen.get("tromp-taylor") / (double) n, seen.get("new-zealand") / (double) n, 0.03);
    assertFalse(Variety.katagoLike(9).drawsRules(), "katago's variety keeps the run's rules");
    assertTrue(Variety.katagoLike(9).drawsKomi());
    assertFalse(Variety.NONE.drawsKomi() || Variety.NONE.drawsRules());
  }
}
