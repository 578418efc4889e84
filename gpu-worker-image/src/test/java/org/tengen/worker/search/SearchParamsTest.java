package org.tengen.worker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tengen.core.selfplay.SearchSettings;

/** A run's search settings switch each technique of the self-play search and nothing else. */
class SearchParamsTest {

  @Test
  void katagosSettingsAreTheSelfPlayDefaults() {
    assertEquals(SearchParams.selfPlay(64), SearchParams.selfPlay(64, SearchSettings.KATAGO));
  }

  @Test
  void eachTechniqueIsSwitchedOnItsOwn() {
    SearchParams base = SearchParams.selfPlay(64);
    SearchParams noForced = SearchParams.selfPlay(64, SearchSettings.parse("forced=0"));
    assertEquals(0, noForced.forcedPlayoutK());
    assertEquals(base.withForcedPlayouts(0), noForced);
    SearchParams noUtility = SearchParams.selfPlay(64, SearchSettings.parse("utility=0"));
    assertEquals(base.withScoreUtility(0), noUtility);
    SearchParams noCap = SearchParams.selfPlay(64, SearchSettings.parse("cheap=0"));
    assertEquals(0, noCap.cheapSearchProbability());
    assertEquals(base.visits(), noCap.visits());
    assertEquals(base.forcedPlayoutK(), noCap.forcedPlayoutK());
    SearchParams warm = SearchParams.selfPlay(64, SearchSettings.parse("temperature=0.75"));
    assertEquals(0.75, warm.decayingTemperature());
    assertEquals(base.forcedPlayoutK(), warm.forcedPlayoutK());
    assertEquals(base.cheapSearchProbability(), warm.cheapSearchProbability());
    SearchParams fill = SearchParams.selfPlay(64, SearchSettings.parse("eyes=0"));
    assertEquals(base.withKeepEyes(false), fill);
    SearchParams few = SearchParams.selfPlay(64, SearchSettings.parse("sampled=8"));
    assertEquals(base.withTemperatureMoves(8), few);
    assertEquals(1.0, few.moveTemperature(7, 9));
    assertEquals(0.0, few.moveTemperature(8, 9), "the most visited move from move 8 on");
    assertEquals(base.noiseMoves(), few.noiseMoves(), "root noise is not what changes");
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
