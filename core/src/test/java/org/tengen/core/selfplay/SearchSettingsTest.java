package org.tengen.core.selfplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchSettingsTest {

  @Test
  void katagoIsTheDefaultAndEachTechniqueCanBeSwitchedOff() {
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse(null));
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse(" KataGo "));
    assertEquals(
        new SearchSettings(0, 0.3, 0.75, 0, true, SearchSettings.AUTO_SAMPLED),
        SearchSettings.parse("forced=0"));
    assertEquals(
        new SearchSettings(2, 0, 0, 0, true, SearchSettings.AUTO_SAMPLED),
        SearchSettings.parse("utility=0, cheap=0"));
    assertEquals("katago", SearchSettings.KATAGO.toString());
    SearchSettings off = SearchSettings.parse("forced=0,utility=0,cheap=0");
    assertEquals(off, SearchSettings.parse(off.toString()), "the text form reads back");
    SearchSettings warm = SearchSettings.parse("temperature=0.75");
    assertEquals(new SearchSettings(2, 0.3, 0.75, 0.75, true, SearchSettings.AUTO_SAMPLED), warm);
    assertEquals(warm, SearchSettings.parse(warm.toString()));
    SearchSettings fill = SearchSettings.parse("eyes=0");
    assertEquals(new SearchSettings(2, 0.3, 0.75, 0, false, SearchSettings.AUTO_SAMPLED), fill);
    assertEquals(fill, SearchSettings.parse(fill.toString()));
    SearchSettings few = SearchSettings.parse("sampled=8");
    assertEquals(SearchSettings.KATAGO.with("sampled=8"), few);
    assertEquals(few, SearchSettings.parse(few.toString()));
    SearchSettings seed = SearchSettings.parse("sampled=30");
    assertEquals(
        "forced=2.0,utility=0.3,cheap=0.75,temperature=0.0,eyes=1,sampled=30", seed.toString());
    assertEquals(seed, SearchSettings.parse(seed.toString()));
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse("sampled=auto"));
  }

  @Test
  void automaticSampledMovesFollowTheBoard() {
    int auto = SearchSettings.AUTO_SAMPLED;
    assertEquals(8, SearchSettings.sampledMoves(auto, 9), "measured on 9x9 (run O)");
    assertEquals(8, SearchSettings.sampledMoves(auto, 7));
    assertEquals(14, SearchSettings.sampledMoves(auto, 13));
    assertEquals(30, SearchSettings.sampledMoves(auto, 19), "the seed's 30 on 19x19");
    assertEquals(12, SearchSettings.sampledMoves(12, 19), "a number is itself");
    assertEquals(0, SearchSettings.sampledMoves(0, 9));
  }

  @Test
  void kataGosTemperatureDecaysWithAHalflifeScaledToTheBoard() {
    assertEquals(0.75, SearchSettings.decayed(0.75, 0, 9), 1e-12);
    // Half way to 0.15 after 9 moves on 9x9 and after 19 on 19x19 (KataGo's halflife of 19).
    assertEquals(0.45, SearchSettings.decayed(0.75, 9, 9), 1e-12);
    assertEquals(0.45, SearchSettings.decayed(0.75, 19, 19), 1e-12);
    assertEquals(0.15, SearchSettings.decayed(0.75, 200, 9), 1e-6);
    assertTrue(SearchSettings.decayed(0.75, 200, 9) > 0.15, "every move is sampled");
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("halving=1"));
    assertTrue(e.getMessage().contains("'halving'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("forced"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("cheap=1"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("utility=x"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("temperature=0.1"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("temperature=3"));
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("eyes=0.5"));
    assertTrue(e.getMessage().startsWith("eyes:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("sampled=7.5"));
    assertTrue(e.getMessage().startsWith("sampled:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("sampled=400"));
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("gumbel=2.5"));
    assertTrue(e.getMessage().startsWith("gumbel:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("gumbel=363"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("gumbel=-1"));
  }

  @Test
  void rootNoiseLastsTheSeedsThirtyMovesOrEveryMove() {
    assertEquals(SearchSettings.SEED_NOISE_MOVES, SearchSettings.KATAGO.noiseMoves());
    SearchSettings all = SearchSettings.parse("noise=all");
    assertEquals(SearchSettings.ALL_MOVES, all.noiseMoves());
    assertEquals(
        "forced=2.0,utility=0.3,cheap=0.75,temperature=0.0,eyes=1,sampled=auto,noise=all",
        all.toString());
    assertEquals(all, SearchSettings.parse(all.toString()));
    SearchSettings ten = SearchSettings.parse("noise=10,gumbel=8");
    assertEquals(10, ten.noiseMoves());
    assertEquals(ten, SearchSettings.parse(ten.toString()));
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse("noise=30"));
    assertEquals(10, ten.with("sampled=4").noiseMoves(), "kept by the other settings");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("noise=some"));
    assertTrue(e.getMessage().contains("'some'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("noise=1.5"));
    assertTrue(e.getMessage().startsWith("noise:"), e.getMessage());
  }

  @Test
  void aGumbelRootIsASettingThatReadsBack() {
    SearchSettings g = SearchSettings.parse("gumbel=16");
    assertEquals(16, g.gumbelConsidered());
    assertEquals(SearchSettings.KATAGO.forcedPlayoutK(), g.forcedPlayoutK());
    assertEquals(
        "forced=2.0,utility=0.3,cheap=0.75,temperature=0.0,eyes=1,sampled=auto,gumbel=16",
        g.toString());
    assertEquals(g, SearchSettings.parse(g.toString()));
    assertEquals(0, SearchSettings.KATAGO.gumbelConsidered(), "off by default");
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse("gumbel=0"));
    assertEquals(16, g.with("sampled=8").gumbelConsidered(), "kept by the other settings");
  }

  @Test
  void playedOutGamesAndKataGosRootExplorationAreSettingsThatReadBack() {
    SearchSettings k = SearchSettings.parse("resign=0,rootpolicy=1.25,rootfpu=0");
    assertTrue(!k.resign());
    assertEquals(1.25, k.rootPolicyTemperature());
    assertEquals(0, k.rootFpuReduction());
    assertEquals(
        "forced=2.0,utility=0.3,cheap=0.75,temperature=0.0,eyes=1,sampled=auto,resign=0,"
            + "rootpolicy=1.25,rootfpu=0.0",
        k.toString());
    assertEquals(k, SearchSettings.parse(k.toString()));
    assertTrue(SearchSettings.KATAGO.resign(), "players resign by default");
    assertEquals(1, SearchSettings.KATAGO.rootPolicyTemperature(), "off by default");
    assertEquals(SearchSettings.TREE_FPU_REDUCTION, SearchSettings.KATAGO.rootFpuReduction());
    assertEquals(SearchSettings.KATAGO, SearchSettings.parse("resign=1,rootpolicy=1,rootfpu=0.2"));
    assertEquals(1.25, k.with("sampled=4").rootPolicyTemperature(), "kept by the other settings");
    // KataGo's schedule: from 1.25 halfway to 1.1 every size moves; never below a lower start.
    assertEquals(1.25, SearchSettings.rootPolicyTemperature(1.25, 0, 9), 1e-12);
    assertEquals(1.175, SearchSettings.rootPolicyTemperature(1.25, 9, 9), 1e-12);
    assertEquals(1.05, SearchSettings.rootPolicyTemperature(1.05, 40, 9), 1e-12);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("resign=2"));
    assertTrue(e.getMessage().startsWith("resign:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("rootpolicy=0.8"));
    assertTrue(e.getMessage().startsWith("rootpolicy:"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("rootfpu=-1"));
    assertTrue(e.getMessage().startsWith("rootfpu:"), e.getMessage());
  }

  @Test
  void pairsChangeTheSettingsTheyNameOverAnyBase() {
    SearchSettings base = SearchSettings.parse("gumbel=16,resign=0,noise=all");
    SearchSettings changed = base.with("forced=0, Eyes=0");
    assertEquals(SearchSettings.parse("gumbel=16,resign=0,noise=all,forced=0,eyes=0"), changed);
    assertEquals(16, changed.gumbelConsidered());
    assertTrue(!changed.resign());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> base.with("visits=3"));
    assertTrue(e.getMessage().contains("'visits'"), e.getMessage());
  }
}
