package org.tengen.worker.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.selfplay.SearchSettings;

/** The Gumbel root: its halving schedule, completed values, improved policy and moves. */
class GumbelRootTest {

  @Test
  void sequentialHalvingSpreadsTheSimulationsAndHalvesTheMoves() {
    // 4 moves, 8 simulations: one round of 4, then 2 moves twice each.
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 2, 2}, GumbelRoot.visitSequence(4, 8));
    // Fewer simulations than moves considered: that many moves, once each.
    assertArrayEquals(new int[8], GumbelRoot.visitSequence(16, 8));
    assertArrayEquals(new int[0], GumbelRoot.visitSequence(16, 0));
    assertArrayEquals(new int[] {0, 1, 2}, GumbelRoot.visitSequence(1, 3));
    int[] long16 = GumbelRoot.visitSequence(16, 64);
    assertEquals(64, long16.length);
    for (int i = 0; i < 16; i++) {
      assertEquals(0, long16[i], "each of the 16 moves first gets one visit");
    }
    assertTrue(long16[63] >= 4, "the last survivors get the most: " + long16[63]);
  }

  private static Node child(int move, float prior, int n, double q) {
    Node c = new Node(move, prior);
    c.n = n;
    c.w = q * n;
    return c;
  }

  @Test
  void anUnvisitedMoveTakesTheMixedValueAndEveryLegalMoveKeepsAShare() {
    Node a = child(0, 0.5f, 3, 0.6);
    Node b = child(1, 0.25f, 1, -0.2);
    Node c = child(2, 0.25f, 0, 0);
    GumbelRoot root = new GumbelRoot(new Node[] {a, b, c}, 0.1, 16, 0, new SplittableRandom(1));
    // (raw + visits · prior-weighted mean of the visited) / (1 + visits)
    double weighted = (0.5 * 0.6 + 0.25 * -0.2) / 0.75;
    assertEquals((0.1 + 4 * weighted) / 5, root.mixedValue(), 1e-12);
    double[] p = root.improvedPolicy();
    assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    assertTrue(p[2] > 0, "the unvisited move keeps a share");
    assertTrue(
        p[0] > p[2] && p[2] > p[1], "ordered by prior and value: " + java.util.Arrays.toString(p));
    GumbelRoot none =
        new GumbelRoot(
            new Node[] {child(0, 0.5f, 0, 0), child(1, 0.5f, 0, 0)},
            -0.3,
            16,
            0,
            new SplittableRandom(1));
    assertEquals(-0.3, none.mixedValue(), 1e-12, "nothing visited: the network's value");
  }

  @Test
  void theMovePlayedIsAMostVisitedOneTheBestUnlessSampled() {
    Node a = child(0, 0.1f, 2, 0.9);
    Node b = child(1, 0.8f, 2, -0.9);
    Node c = child(2, 0.1f, 1, 0.95);
    GumbelRoot root = new GumbelRoot(new Node[] {a, b, c}, 0, 16, 0, new SplittableRandom(1));
    assertEquals(a, root.chosen(false), "of the most visited, the best by prior and value");
  }

  private static SearchParams gumbel(int visits, int considered) {
    return SearchParams.strongest(visits).with("gumbel=" + considered);
  }

  @Test
  void aFewSimulationsFindTheCaptureAndTheTargetSaysSo() {
    Game game = new Game(Board.parse(MctsTest.CAPTURE), Color.BLACK, Rules.chinese().withKomi(0.5));
    Mcts mcts = new Mcts(gumbel(32, 16), MctsTest.COUNTING, new SplittableRandom(1));
    SearchResult r = mcts.search(game, 32, false, 0, true);
    int f4 = Move.parseGtp("F4", 7).index(7);
    assertEquals(Move.parseGtp("F4", 7), r.move(), "capture 14 stones");
    assertEquals(32, r.visits());
    float best = 0;
    int bestAt = -1;
    for (int i = 0; i < r.policy().length; i++) {
      if (r.policy()[i] > best) {
        best = r.policy()[i];
        bestAt = i;
      }
    }
    assertEquals(f4, bestAt, "the improved policy puts most on the capture");
  }

  @Test
  void theTargetCoversEveryLegalMoveAndNothingElse() {
    Game game = new Game(7, Rules.chinese());
    game.play(Move.parseGtp("D4", 7));
    Mcts mcts = new Mcts(gumbel(4, 16), MctsTest.COUNTING, new SplittableRandom(2));
    SearchResult r = mcts.search(game, 4, false, 1.0, true);
    int d4 = Move.parseGtp("D4", 7).index(7);
    assertEquals(0f, r.policy()[d4], "occupied");
    double sum = 0;
    int positive = 0;
    for (float p : r.policy()) {
      sum += p;
      positive += p > 0 ? 1 : 0;
    }
    assertEquals(1, sum, 1e-5);
    assertEquals(49, positive, "48 empty points and the pass, of which 4 were visited");
  }

  @Test
  void sampledMovesDifferFromGameToGameAndTheBestDoesNot() {
    Set<Move> sampled = new HashSet<>();
    Set<Move> best = new HashSet<>();
    for (int seed = 0; seed < 20; seed++) {
      Game game = new Game(7, Rules.chinese());
      // Every first move is worth the same to the counting evaluator: the draws decide.
      sampled.add(
          new Mcts(gumbel(8, 16), MctsTest.COUNTING, new SplittableRandom(seed))
              .search(game, 8, false, 1.0, true)
              .move());
      best.add(
          new Mcts(gumbel(64, 4), MctsTest.PEAKED, new SplittableRandom(seed))
              .search(game, 64, false, 0, true)
              .move());
    }
    assertTrue(sampled.size() >= 3, "sampled moves: " + sampled);
    assertTrue(best.contains(Move.parseGtp("D4", 7)), "the centre, where the value is: " + best);
  }

  @Test
  void aRunsSearchSettingReachesTheSearch() {
    SearchParams p = SearchParams.selfPlay(32, SearchSettings.parse("gumbel=16"));
    assertEquals(16, p.techniques().gumbelConsidered());
    assertEquals(
        0, SearchParams.selfPlay(32, SearchSettings.KATAGO).techniques().gumbelConsidered());
    assertEquals(30, SearchParams.selfPlay(32, SearchSettings.KATAGO).techniques().noiseMoves());
    assertEquals(
        SearchSettings.ALL_MOVES,
        SearchParams.selfPlay(32, SearchSettings.parse("noise=all")).techniques().noiseMoves());
    assertEquals(
        16, p.with("eyes=0").techniques().gumbelConsidered(), "kept by the other settings");
    // A self-play search with the run's settings: noise asked for and a policy target, as the
    // full searches of self-play are; the noise and forced playouts give way to the Gumbel root.
    Game game = new Game(7, Rules.chinese());
    SearchResult r =
        new Mcts(p, MctsTest.PEAKED, new SplittableRandom(5)).search(game, 32, true, 1.0, true);
    double sum = 0;
    for (float x : r.policy()) {
      sum += x;
    }
    assertEquals(1, sum, 1e-5);
    assertEquals(32, r.visits());
  }
}
