package org.tengen.core.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.RatingApi.Result;

class ContributorSpreadTest {

  /** {@code wins} wins then {@code losses} losses played by {@code who}. */
  private static List<ContributorSpread.Game> games(String who, int wins, int losses) {
    List<ContributorSpread.Game> g = new ArrayList<>();
    for (int i = 0; i < wins; i++) {
      g.add(new ContributorSpread.Game(who, Result.WIN));
    }
    for (int i = 0; i < losses; i++) {
      g.add(new ContributorSpread.Game(who, Result.LOSS));
    }
    return g;
  }

  private static List<ContributorSpread.Game> concat(List<List<ContributorSpread.Game>> parts) {
    List<ContributorSpread.Game> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  @Test
  void oneContributorsGamesCountForNothing() {
    ContributorSpread.Tally t = new ContributorSpread(0.6, 0.001).tally(games("mallory", 40, 0));
    assertEquals(MatchScore.NONE, t.score());
    assertEquals(0, t.contributors());
    assertEquals(40, t.leftOut().get(0).games());
    assertTrue(t.summary().contains("mallory"), t.summary());
    // Without the rule (a run with one worker) they all count.
    assertEquals(40, new ContributorSpread(1, 0.001).tally(games("w", 40, 0)).score().wins());
  }

  @Test
  void noContributorHasMoreThanItsShareAndItsLatestGamesGoFirst() {
    // a: 3 wins then 7 losses; b: 4 games. 0.6 / 0.4 * 4 = 6 of a's count: its first six.
    ContributorSpread.Tally t =
        new ContributorSpread(0.6, 0).tally(concat(List.of(games("a", 3, 7), games("b", 2, 2))));
    assertEquals(new MatchScore(5, 5, 0), t.score());
    assertEquals(2, t.contributors());
    assertEquals(
        List.of(new ContributorSpread.LeftOut("a", 4, t.leftOut().get(0).reason())), t.leftOut());
    // Balanced shares lose nothing.
    assertTrue(
        new ContributorSpread(0.6, 0)
            .tally(concat(List.of(games("a", 3, 3), games("b", 2, 2), games("c", 1, 1))))
            .leftOut()
            .isEmpty());
  }

  @Test
  void aContributorWhoseResultsDisagreeWithTheOthersIsLeftOut() {
    // Three honest contributors near 50%; one reports 14 wins of 14.
    List<ContributorSpread.Game> all =
        concat(
            List.of(games("a", 5, 5), games("b", 6, 4), games("c", 4, 6), games("mallory", 14, 0)));
    ContributorSpread.Tally t = new ContributorSpread(0.6, 0.001).tally(all);
    assertEquals(new MatchScore(15, 15, 0), t.score());
    assertEquals(3, t.contributors());
    assertEquals("mallory", t.leftOut().get(0).contributor());
    assertTrue(t.leftOut().get(0).reason().contains("inconsistent"), t.summary());
    // The same honest games without the outlier: nothing left out.
    assertTrue(
        new ContributorSpread(0.6, 0.001)
            .tally(concat(List.of(games("a", 5, 5), games("b", 6, 4), games("c", 4, 6))))
            .leftOut()
            .isEmpty());
  }

  @Test
  void twoContributorsThatDisagreeAreBothLeftOut() {
    ContributorSpread.Tally t =
        new ContributorSpread(0.6, 0.001)
            .tally(concat(List.of(games("a", 12, 0), games("b", 0, 12))));
    assertEquals(MatchScore.NONE, t.score());
    assertEquals(2, t.leftOut().size());
    assertTrue(t.summary().contains("waiting for a third"), t.summary());
  }

  @Test
  void fewGamesAreNotTested() {
    // 7 wins of 7 against the others' 0 of 8: below the 8 decisive games a test needs.
    ContributorSpread.Tally t =
        new ContributorSpread(1, 0.001).tally(concat(List.of(games("a", 7, 0), games("b", 0, 8))));
    assertEquals(new MatchScore(7, 8, 0), t.score());
    assertTrue(t.leftOut().isEmpty());
  }

  @Test
  void theBinomialTestIsExact() {
    // Binomial(10, 0.5): P(X = 10) + P(X = 0) = 2 / 1024.
    assertEquals(2.0 / 1024, ContributorSpread.binomialTwoSided(10, 10, 0.5), 1e-12);
    assertEquals(1.0, ContributorSpread.binomialTwoSided(5, 10, 0.5), 1e-12);
  }

  @Test
  void settingsOutsideTheirRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ContributorSpread(0, 0.001));
    assertThrows(IllegalArgumentException.class, () -> new ContributorSpread(1.1, 0.001));
    assertThrows(IllegalArgumentException.class, () -> new ContributorSpread(0.6, 1));
  }
}
