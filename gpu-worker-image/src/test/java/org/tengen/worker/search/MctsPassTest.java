package org.tengen.worker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;

/** After the opponent's pass, a search sees that passing ends the game, whatever the prior. */
class MctsPassTest {

  /** A network that never wants to pass and has no opinion on who wins. */
  private static final Evaluator NEVER_PASSES =
      pos -> {
        int size = pos.board().size();
        float[] policy = new float[size * size + 1];
        Arrays.fill(policy, 1f / (size * size));
        policy[size * size] = 0;
        return new Evaluation(policy, 0.5f, 0.5f, 0, 0, new float[size * size]);
      };

  /** Black walls off columns A to D, white E to G: Black wins by 28 − 21 − 0.5. */
  private static Game walls(boolean whitePasses) {
    Game g = new Game(7, Rules.chinese().withKomi(0.5));
    for (int y = 0; y < 7; y++) {
      g.play(Move.of(3, y));
      g.play(Move.of(4, y));
    }
    g.play(Move.of(0, 0));
    if (whitePasses) {
      g.play(Move.PASS);
    }
    return g;
  }

  @Test
  void aWinnerPassesBackWhenTheOpponentHasPassed() {
    Mcts mcts = new Mcts(SearchParams.strongest(16), NEVER_PASSES, new SplittableRandom(1));
    SearchResult r = mcts.search(walls(true), 16, false, false);
    assertEquals(Move.PASS, r.move(), "passing wins at once");
    assertTrue(r.value() > 0.8, "and the search knows it: " + r.value());
  }

  @Test
  void withoutTheOpponentsPassThePriorStillDecides() {
    Mcts mcts = new Mcts(SearchParams.strongest(16), NEVER_PASSES, new SplittableRandom(1));
    Game g = walls(false);
    g.play(Move.of(6, 6)); // White plays on instead
    SearchResult r = mcts.search(g, 16, false, false);
    assertTrue(!r.move().isPass(), "no pass was played: the game goes on " + r.move());
  }
}
