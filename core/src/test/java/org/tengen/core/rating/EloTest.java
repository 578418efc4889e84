package org.tengen.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EloTest {

  @Test
  void eloOfTheSeedsFormula() {
    // p = 0.6: 400·log10(0.6/0.4) = 400·0.176091 = 70.4365
    assertEquals(70.4365, Elo.fromScore(0.6), 1e-4);
    assertEquals(0, Elo.fromScore(0.5), 1e-12);
    // p = 0.75: 400·log10(3) = 190.8485
    assertEquals(190.8485, Elo.fromScore(0.75), 1e-4);
    assertEquals(0.75, Elo.expectedScore(Elo.fromScore(0.75)), 1e-12);
    // +20 Elo, the release gate: 1/(1+10^(-0.05)) = 0.528751
    assertEquals(0.528751, Elo.expectedScore(20), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> Elo.fromScore(1));
  }

  @Test
  void estimateWithInterval() {
    // 60 wins, 40 losses: p = 0.6, σ² = (60·0.4² + 40·0.6²)/100 = 0.24,
    // half-width 1.96·√(0.24/100) = 0.09602 → p ∈ [0.50398, 0.69602]
    // → Elo 70.44 in [2.77, 143.91].
    EloEstimate e = Elo.estimate(new MatchScore(60, 40, 0));
    assertEquals(70.4365, e.elo(), 1e-4);
    assertEquals(2.7669, e.lower(), 1e-3);
    assertEquals(143.9092, e.upper(), 1e-3);
    assertEquals(100, e.games());
    // Draws count half: 30/30/40 gives p = 0.5, σ² = 0.15, interval ±53.16 Elo.
    EloEstimate d = Elo.estimate(new MatchScore(30, 30, 40));
    assertEquals(0, d.elo(), 1e-9);
    assertEquals(-53.158, d.lower(), 1e-3);
    assertEquals(53.158, d.upper(), 1e-3);
  }

  @Test
  void allWinsAllLossesAndNoGamesStayFinite() {
    // 3 wins → regularized 3⅓/⅓/⅓ of 4: p = 0.875, Elo = 400·log10(7) = 338.04
    EloEstimate wins = Elo.estimate(new MatchScore(3, 0, 0));
    assertEquals(338.039, wins.elo(), 1e-3);
    assertTrue(Double.isFinite(wins.lower()) && Double.isFinite(wins.upper()));
    assertTrue(wins.lower() < wins.elo() && wins.elo() < wins.upper());
    EloEstimate losses = Elo.estimate(new MatchScore(0, 3, 0));
    assertEquals(-338.039, losses.elo(), 1e-3);
    EloEstimate none = Elo.estimate(MatchScore.NONE);
    assertEquals(0, none.elo(), 1e-12);
    assertEquals(-1199.83, none.lower(), 0.01, "clamped at a score of 0.001");
    assertEquals(0, none.games());
    assertThrows(IllegalArgumentException.class, () -> new MatchScore(-1, 0, 0));
  }
}
