package org.tengen.worker.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;
import org.tengen.core.rating.MatchScore;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;
import org.tengen.worker.search.SearchParams;

class MatchTest {

  /** Uniform priors, value 0: a player that knows nothing. */
  private static final Evaluator BLIND =
      pos -> {
        int n = pos.board().size() * pos.board().size() + 1;
        float[] p = new float[n];
        java.util.Arrays.fill(p, 1f / n);
        return new Evaluation(p, 0.5f, 0.5f, 0, 0, new float[n - 1]);
      };

  @Test
  void countingSearchBeatsABlindOneWithEitherColour() throws InterruptedException {
    Evaluator counting = org.tengen.worker.search.MctsTestAccess.counting();
    MatchScore score =
        Match.play(
            counting, BLIND, 4, 7, Rules.chinese().withKomi(0.5), SearchParams.rating(48), 2, 5);
    assertEquals(4, score.games());
    assertTrue(score.wins() >= 3, "the counting player should win nearly all: " + score);
  }

  @Test
  void colorsAlternateStartingWithTheCandidateAsBlack() {
    // With komi 100.5 white always wins a blind game: the candidate wins exactly its white games.
    int asBlack =
        Match.playOne(
            BLIND,
            BLIND,
            org.tengen.core.go.Color.BLACK,
            5,
            Rules.chinese().withKomi(100.5),
            SearchParams.rating(4),
            new java.util.SplittableRandom(1));
    int asWhite =
        Match.playOne(
            BLIND,
            BLIND,
            org.tengen.core.go.Color.WHITE,
            5,
            Rules.chinese().withKomi(100.5),
            SearchParams.rating(4),
            new java.util.SplittableRandom(1));
    assertEquals(-1, asBlack);
    assertEquals(1, asWhite);
  }
}
