package org.tengen.worker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tengen.core.selfplay.SearchSettings;

/** A run's search settings switch each technique of the self-play search and nothing else. */
class SearchParamsTest {

  @Test
  void katagosSettingsAreTheSelfPlayDefaults() {
    assertEquals(SearchParams.selfPlay(64), SearchParams.selfPlay(64, SearchSettings.KATAGO));
  }

  @Test
  void aRunsTechniquesReachTheSearchAndChangeNothingElse() {
    SearchParams base = SearchParams.selfPlay(64);
    for (String pairs :
        new String[] {
          "forced=0",
          "utility=0",
          "cheap=0",
          "temperature=0.75",
          "eyes=0",
          "sampled=8",
          "gumbel=16",
          "noise=all",
          "rootpolicy=1.25",
          "rootfpu=0"
        }) {
      SearchSettings techniques = SearchSettings.parse(pairs);
      SearchParams p = SearchParams.selfPlay(64, techniques);
      assertEquals(techniques, p.techniques(), pairs);
      assertEquals(base.withTechniques(techniques), p, pairs + ": the search's own constants kept");
      assertEquals(base.with(pairs), p, pairs);
      assertNotEquals(base, p, pairs);
    }
    SearchParams few = SearchParams.selfPlay(64, SearchSettings.parse("sampled=8"));
    assertEquals(1.0, few.moveTemperature(7, 9));
    assertEquals(0.0, few.moveTemperature(8, 9), "the most visited move from move 8 on");
  }

  @Test
  void playedOutGamesNeverResignAndReduceTheirDecidedMoves() {
    SearchParams resigning = SearchParams.selfPlay(64);
    assertEquals(0.1, resigning.noResignFraction());
    assertFalse(resigning.reduceDecided());
    SearchParams playedOut = SearchParams.selfPlay(64, SearchSettings.parse("resign=0"));
    assertEquals(1.0, playedOut.noResignFraction());
    assertTrue(playedOut.reduceDecided());
    for (SearchParams match :
        new SearchParams[] {SearchParams.rating(64), SearchParams.strongest(64)}) {
      assertFalse(match.reduceDecided(), "a match plays every move at its full visits");
      assertEquals(0, match.techniques().noiseMoves());
      assertEquals(0, match.techniques().cheapShare());
      assertEquals(0, match.techniques().forcedPlayoutK());
      assertEquals(match.visits(), match.cheapVisits());
      assertEquals(SearchSettings.KATAGO.scoreUtility(), match.techniques().scoreUtility());
      assertTrue(match.techniques().keepEyes(), "eyes kept");
      assertEquals(0, match.techniques().gumbelConsidered(), "PUCT");
    }
  }

  @Test
  void theSeedsRuleSamplesTheFirstMovesAtOneKataGoSamplesEveryMoveAtADecayingTemperature() {
    SearchParams seed = SearchParams.selfPlay(64, SearchSettings.parse("sampled=30"));
    assertEquals(1.0, seed.moveTemperature(0, 9));
    assertEquals(1.0, seed.moveTemperature(29, 9));
    assertEquals(0.0, seed.moveTemperature(30, 9), "the most visited move from move 30 on");
    // The default follows the board: 8 moves on 9x9 (measured), the seed's 30 on 19x19.
    SearchParams auto = SearchParams.selfPlay(64);
    assertEquals(1.0, auto.moveTemperature(7, 9));
    assertEquals(0.0, auto.moveTemperature(8, 9));
    assertEquals(1.0, auto.moveTemperature(29, 19));
    assertEquals(0.0, auto.moveTemperature(30, 19));
    SearchParams katago = SearchParams.selfPlay(64, SearchSettings.parse("temperature=0.75"));
    assertEquals(0.75, katago.moveTemperature(0, 9), 1e-12);
    assertEquals(0.45, katago.moveTemperature(9, 9), 1e-12);
    assertEquals(0.15, katago.moveTemperature(80, 9), 2e-3);
    assertEquals(0.0, SearchParams.rating(64).moveTemperature(8, 9), "rating games: 8 moves");
  }
}
