package org.tengen.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tengen.core.rating.ReleasePolicy.Outcome;

class ReleasePolicyTest {

  private final ReleasePolicy seed = ReleasePolicy.parse("seed:400:20:10000");

  @Test
  void seedRuleWaitsForItsGamesThenAppliesTheGate() {
    assertEquals(Outcome.CONTINUE, seed.decide(new MatchScore(200, 100, 0), 5).outcome());
    // 230/170: p = 0.575, Elo = 400·log10(0.575/0.425) = +52.5 > +20 → release.
    ReleasePolicy.Verdict up = seed.decide(new MatchScore(230, 170, 0), 5);
    assertEquals(Outcome.RELEASE, up.outcome());
    assertEquals(52.5, up.elo().elo(), 0.1);
    // 210/190: p = 0.525, Elo = +17.4 ≤ +20 → reject, unless 10,000 steps passed since the
    // last release.
    assertEquals(Outcome.REJECT, seed.decide(new MatchScore(210, 190, 0), 9999).outcome());
    ReleasePolicy.Verdict milestone = seed.decide(new MatchScore(210, 190, 0), 10000);
    assertEquals(Outcome.RELEASE, milestone.outcome());
    assertTrue(milestone.reason().contains("since the last release"), milestone.reason());
  }

  @Test
  void sprtRuleStopsOnEvidenceOrAtItsCap() {
    ReleasePolicy sprt = ReleasePolicy.parse("sprt:0:20:0.05:0.05:1000");
    // LLRs from SprtTest: 300/200/0 → 5.129 ≥ 2.944: release; 100/150/0 → -3.425: reject.
    assertEquals(Outcome.RELEASE, sprt.decide(new MatchScore(300, 200, 0), 0).outcome());
    assertEquals(Outcome.REJECT, sprt.decide(new MatchScore(100, 150, 0), 0).outcome());
    assertEquals(Outcome.CONTINUE, sprt.decide(new MatchScore(60, 40, 0), 0).outcome());
    // At the cap the leaning side wins: 510/490 leans to H1? μ̂ = 0.51 < (μ0+μ1)/2 = 0.5144 → no.
    ReleasePolicy.Verdict capped = sprt.decide(new MatchScore(510, 490, 0), 0);
    assertEquals(Outcome.REJECT, capped.outcome());
    assertTrue(capped.reason().startsWith("game cap 1000 reached"), capped.reason());
    assertEquals(
        Outcome.RELEASE,
        sprt.decide(new MatchScore(520, 480, 0), 0).outcome(),
        "0.52 > 0.5144 leans to H1");
    assertTrue(ReleasePolicy.defaultPolicy() instanceof ReleasePolicy.SprtRule);
  }

  @Test
  void withoutAGateEveryCandidateIsReleasedAfterItsGames() {
    ReleasePolicy always = ReleasePolicy.parse("always:40");
    assertEquals(Outcome.CONTINUE, always.decide(new MatchScore(0, 39, 0), 0).outcome());
    ReleasePolicy.Verdict lost = always.decide(new MatchScore(0, 40, 0), 0);
    assertEquals(Outcome.RELEASE, lost.outcome(), "even after losing every game");
    assertTrue(lost.elo().elo() < -200, "the Elo is still measured: " + lost.elo().elo());
    assertTrue(lost.reason().startsWith("no gate"), lost.reason());
  }

  @Test
  void notWorseReleasesWhatIsNotShownWorseAndRejectsAClearRegression() {
    ReleasePolicy notWorse = ReleasePolicy.parse("notworse:12");
    assertEquals(Outcome.CONTINUE, notWorse.decide(new MatchScore(0, 11, 0), 0).outcome());
    // The two-hour run's 1/11: clearly worse, not released.
    ReleasePolicy.Verdict regression = notWorse.decide(new MatchScore(1, 11, 0), 0);
    assertEquals(Outcome.REJECT, regression.outcome());
    assertTrue(regression.elo().upper() < 0, "the whole interval below 0");
    assertTrue(regression.reason().startsWith("worse than"), regression.reason());
    // Even, or a little behind without proof: released (no gate for the unproven).
    assertEquals(Outcome.RELEASE, notWorse.decide(new MatchScore(6, 6, 0), 0).outcome());
    assertEquals(Outcome.RELEASE, notWorse.decide(new MatchScore(5, 7, 0), 0).outcome());
    assertEquals(Outcome.RELEASE, notWorse.decide(new MatchScore(12, 0, 0), 0).outcome());
  }

  @Test
  void malformedPoliciesAreNamed() {
    for (String bad :
        new String[] {
          "",
          "seed:400:20",
          "sprt:0:20:0.05:0.05:x",
          "gate:20",
          "seed:0:20:1",
          "always:0",
          "always",
          "notworse:0",
          "notworse"
        }) {
      assertThrows(IllegalArgumentException.class, () -> ReleasePolicy.parse(bad), bad);
    }
  }
}
