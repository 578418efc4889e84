package org.tengen.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

  @Test
  void rememberedForATimeAndBounded() {
    UnknownKeys keys = new UnknownKeys(3, Duration.ofSeconds(10));
    long t = 1_000_000_000L;
    keys.add("a", t);
    assertTrue(keys.contains("a", t + Duration.ofSeconds(9).toNanos()));
    assertFalse(keys.contains("a", t + Duration.ofSeconds(11).toNanos()), "expired");
    for (String h : new String[] {"b", "c", "d", "e"}) {
      keys.add(h, t);
    }
    assertEquals(3, keys.size(), "the oldest go when it is full");
    assertFalse(keys.contains("b", t));
    assertTrue(keys.contains("e", t));
  }

  @Test
  void onlyTheFormOfAContributorKeyIsWellFormed() {
    assertTrue(ApiKeys.wellFormed(ApiKeys.newKey()));
    assertFalse(ApiKeys.wellFormed("tgn_not-a-key"));
    assertFalse(ApiKeys.wellFormed("tgn_" + "A".repeat(44)));
    assertFalse(ApiKeys.wellFormed("Bearer tgn_" + "A".repeat(43)));
    assertFalse(ApiKeys.wellFormed(null));
  }
}
