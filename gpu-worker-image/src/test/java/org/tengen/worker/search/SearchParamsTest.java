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
  }
}
