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
    assertEquals(new SearchSettings(0, 0.3, 0.75), SearchSettings.parse("forced=0"));
    assertEquals(new SearchSettings(2, 0, 0), SearchSettings.parse("utility=0, cheap=0"));
    assertEquals("katago", SearchSettings.KATAGO.toString());
    SearchSettings off = SearchSettings.parse("forced=0,utility=0,cheap=0");
    assertEquals(off, SearchSettings.parse(off.toString()), "the text form reads back");
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("gumbel=1"));
    assertTrue(e.getMessage().contains("'gumbel'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("forced"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("cheap=1"));
    assertThrows(IllegalArgumentException.class, () -> SearchSettings.parse("utility=x"));
  }
}
