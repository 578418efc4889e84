package org.tengen.functions.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.StatsApi.QualityComparison;
import org.tengen.functions.stats.DataQuality.Sums;

class DataQualityTest {

  /**
   * {@code games} games of {@code length} moves (±5 spread), black winning a share, agreeing so, a
   * third resigned.
   */
  private static Sums sums(int games, int length, double blackShare, double agreement) {
    return sums(games, length, blackShare, agreement, 1 / 3.0);
  }

  private static Sums sums(
      int games, int length, double blackShare, double agreement, double resignShare) {
    long moves = 0;
    long squares = 0;
    for (int i = 0; i < games; i++) {
      long n = length + (i % 11) - 5;
      moves += n;
      squares += n * n;
    }
    long checked = games * 40L;
    return new Sums(
        games,
        moves,
        squares,
        Math.round(2 * games * blackShare),
        Math.round(checked * agreement),
        checked,
        Math.round(games * resignShare));
  }

  private static Map<String, Map<String, Sums>> network(Map<String, Sums> contributors) {
    return Map.of("kata1-b6c96-s0-d0", new LinkedHashMap<>(contributors));
  }

  private static QualityComparison of(List<QualityComparison> all, String contributor) {
    return all.stream().filter(c -> c.contributor().equals(contributor)).findFirst().orElseThrow();
  }

  @Test
  void honestContributorsAgreeAndAreNotFlagged() {
    Map<String, Sums> honest = new LinkedHashMap<>();
    honest.put("a", sums(40, 120, 0.50, 0.97));
    honest.put("b", sums(35, 118, 0.46, 0.96));
    honest.put("c", sums(50, 121, 0.54, 0.97));
    List<QualityComparison> all = DataQuality.compare(network(honest));
    assertEquals(3, all.size());
    for (QualityComparison c : all) {
      assertFalse(c.flagged(), c.toString());
      assertTrue(Math.abs(c.zPolicyAgreement()) < 4, c.toString());
    }
  }

  @Test
  void madeUpPoliciesShortGamesAndFakedResultsStandOut() {
    Map<String, Sums> m = new LinkedHashMap<>();
    m.put("a", sums(40, 120, 0.50, 0.97));
    m.put("b", sums(40, 120, 0.50, 0.96));
    m.put("c", sums(40, 120, 0.50, 0.97));
    m.put("random-policies", sums(30, 120, 0.50, 0.10));
    m.put("early-passer", sums(30, 40, 0.50, 0.97));
    m.put("black-always-wins", sums(30, 120, 1.00, 0.97));
    m.put("always-resigns", sums(30, 120, 0.50, 0.97, 1.0));
    List<QualityComparison> all = DataQuality.compare(network(m));
    QualityComparison policies = of(all, "random-policies");
    assertTrue(policies.flagged());
    assertTrue(policies.zPolicyAgreement() < -4, policies.toString());
    assertTrue(
        policies.reasons().get(0).startsWith("policy agrees"), policies.reasons().toString());
    QualityComparison passer = of(all, "early-passer");
    assertTrue(passer.flagged() && passer.zLength() < -4, passer.toString());
    QualityComparison black = of(all, "black-always-wins");
    assertTrue(black.flagged() && black.zBlackScore() > 4, black.toString());
    QualityComparison resigner = of(all, "always-resigns");
    assertTrue(resigner.flagged() && resigner.zResignation() > 4, resigner.toString());
    assertTrue(resigner.reasons().get(0).startsWith("resigns 1.000"), resigner.toString());
    for (String honest : List.of("a", "b", "c")) {
      assertFalse(of(all, honest).flagged(), of(all, honest).toString());
    }
  }

  @Test
  void tooFewGamesOnEitherSideAreNotCompared() {
    Map<String, Sums> m = new LinkedHashMap<>();
    m.put("a", sums(40, 120, 0.50, 0.97));
    m.put("newcomer", sums(DataQuality.MIN_GAMES - 1, 40, 1.0, 0.0));
    List<QualityComparison> all = DataQuality.compare(network(m));
    assertEquals(List.of(), all, "a has a rest of too few games, the newcomer too few games");
  }
}
