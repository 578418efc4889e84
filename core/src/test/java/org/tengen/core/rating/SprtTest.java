package org.tengen.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tengen.core.rating.Sprt.Decision;

class SprtTest {

  /** H0: 0 Elo, H1: +20 Elo (the release gate), 5% errors both ways. */
  private final Sprt sprt = new Sprt(0, 20, 0.05, 0.05);

  @Test
  void boundsAreTheLogsOfTheErrorRatios() {
    // ln(0.05/0.95) = -2.944439, ln(0.95/0.05) = +2.944439
    assertEquals(-2.944439, sprt.lowerBound(), 1e-6);
    assertEquals(2.944439, sprt.upperBound(), 1e-6);
  }

  @Test
  void llrComputedByHand() {
    // μ0 = 0.5, μ1 = 0.528751. 60/40/0: μ̂ = 0.6, σ̂² = 0.24,
    // LLR = 100·0.028751·(1.2 - 1.028751)/(2·0.24) = 1.02573 → continue.
    assertEquals(1.02573, sprt.llr(new MatchScore(60, 40, 0)), 1e-4);
    assertEquals(Decision.CONTINUE, sprt.decide(new MatchScore(60, 40, 0)));
    // Five times the games at the same rate: LLR 5.12866 ≥ 2.944 → accept.
    assertEquals(5.12866, sprt.llr(new MatchScore(300, 200, 0)), 1e-4);
    assertEquals(Decision.ACCEPT, sprt.decide(new MatchScore(300, 200, 0)));
    // 100/150/0: μ̂ = 0.4, σ̂² = 0.24, LLR = 250·0.028751·(0.8 - 1.028751)/0.48 = -3.42537 →
    // reject.
    assertEquals(-3.42537, sprt.llr(new MatchScore(100, 150, 0)), 1e-4);
    assertEquals(Decision.REJECT, sprt.decide(new MatchScore(100, 150, 0)));
    // Draws: 30/30/40: μ̂ = 0.5, σ̂² = 0.15, LLR = 100·0.028751·(1 - 1.028751)/0.3 = -0.27553.
    assertEquals(-0.27553, sprt.llr(new MatchScore(30, 30, 40)), 1e-4);
  }

  @Test
  void degenerateRecordsStayFinite() {
    assertEquals(0, sprt.llr(MatchScore.NONE));
    // 3 wins → 3⅓/⅓/⅓ of 4: μ̂ = 0.875, σ̂² = 0.088542, LLR = 0.46840 → continue.
    Sprt.State s = sprt.state(new MatchScore(3, 0, 0));
    assertEquals(0.46840, s.llr(), 1e-4);
    assertEquals(Decision.CONTINUE, s.decision());
    assertThrows(IllegalArgumentException.class, () -> new Sprt(20, 0, 0.05, 0.05));
    assertThrows(IllegalArgumentException.class, () -> new Sprt(0, 20, 0, 0.05));
  }
}
