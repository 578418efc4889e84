package org.tengen.worker.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.selfplay.SearchSettings;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;

class MctsTest {

  /** The Tromp-Taylor margin for the player to move. */
  private static double margin(org.tengen.network.features.Features.Position pos) {
    return AreaScore.count(pos.board(), Scoring.TROMP_TAYLOR, pos.rules().komi()).blackMargin()
        * pos.toMove().sign();
  }

  private static float[] uniform(int size) {
    float[] policy = new float[size * size + 1];
    java.util.Arrays.fill(policy, 1f / policy.length);
    return policy;
  }

  /** Uniform priors; value = tanh(area margin / 10) for the player to move. */
  static final Evaluator COUNTING =
      pos -> {
        int size = pos.board().size();
        double margin = margin(pos);
        float v = (float) Math.tanh(margin / 10);
        return new Evaluation(
            uniform(size), (1 + v) / 2, (1 - v) / 2, 0, (float) margin, new float[size * size]);
      };

  /** White's big group has one liberty left, at F4; black to move. */
  static final String CAPTURE =
      """
      . . . . . . .
      . X X X X X .
      X O O O O O X
      X O O O O . X
      X O O O O O X
      . X X X X X .
      . . . . . . .""";

  @Test
  void findsTheCaptureThatWinsTheGame() {
    Board board = Board.parse(CAPTURE);
    Game game = new Game(board, Color.BLACK, Rules.chinese().withKomi(0.5));
    Mcts mcts = new Mcts(SearchParams.strongest(200), COUNTING, new SplittableRandom(1));
    SearchResult r = mcts.search(game, 200, false, false);
    assertEquals(Move.parseGtp("F4", 7), r.move(), "capture 14 stones");
    assertTrue(r.value() > 0.9, "black is winning: " + r.value());
    // With white to move in the same position the search must see white's side of it.
    Game whiteToMove = new Game(board, Color.WHITE, Rules.chinese().withKomi(0.5));
    SearchResult w =
        new Mcts(SearchParams.strongest(200), COUNTING, new SplittableRandom(1))
            .search(whiteToMove, 200, false, false);
    assertTrue(w.value() < r.value(), "the same position is worse for white");
  }

  /** Black's one group fills the board but for four eye-like points; black to move. */
  private static final String EYES =
      """
      . X . X .
      X X X X X
      X X X X X
      X X X X X
      . X . X .""";

  @Test
  void aPlayerWhoseOnlyMovesFillItsOwnEyesPassesAndMayFillThemOnlyWhenAllowed() {
    Game game = new Game(Board.parse(EYES), Color.BLACK, Rules.chinese().withKomi(0.5));
    int pass = 25;
    SearchResult kept =
        new Mcts(SearchParams.strongest(50), COUNTING, new SplittableRandom(3))
            .search(game, 50, false, false);
    assertEquals(Move.PASS, kept.move());
    assertEquals(1f, kept.policy()[pass], 1e-6, "every visit went to the pass");
    SearchResult filled =
        new Mcts(SearchParams.strongest(50).with("eyes=0"), COUNTING, new SplittableRandom(3))
            .search(game, 50, false, false);
    assertTrue(filled.policy()[pass] < 1, "eye-filling moves were searched: the rule is what acts");
    // The self-play defaults keep eyes too, and the opening's priors (no search) leave them out.
    Mcts selfPlay = new Mcts(SearchParams.selfPlay(16), COUNTING, new SplittableRandom(3));
    float[] priors = selfPlay.priors(game);
    assertEquals(1f, priors[pass], 1e-6);
  }

  @Test
  void visitsAddUpAndTheTreeIsReused() {
    Game game = new Game(7, Rules.chinese());
    Mcts mcts = new Mcts(SearchParams.selfPlay(64), COUNTING, new SplittableRandom(2));
    SearchResult first = mcts.search(game, 64, true, true);
    assertEquals(64, first.visits());
    double sum = 0;
    for (float p : first.policy()) {
      sum += p;
    }
    assertEquals(1, sum, 1e-5);
    int before = mcts.evaluations();
    game.play(first.move());
    mcts.advance(first.move(), 7);
    SearchResult second = mcts.search(game, 64, false, false);
    assertEquals(64, second.visits());
    assertTrue(
        mcts.evaluations() - before < 63,
        "the subtree of the move played was kept: "
            + (mcts.evaluations() - before)
            + " new evaluations");
  }

  @Test
  void policyTargetsAreZeroOnIllegalMoves() {
    Board board =
        Board.parse(
            """
        . X O .
        X O . O
        . X O .
        . . . .""");
    Game game = new Game(board, Color.BLACK, Rules.chinese());
    game.play(Move.of(2, 1)); // black takes the ko
    SearchResult r =
        new Mcts(SearchParams.selfPlay(50), COUNTING, new SplittableRandom(3))
            .search(game, 50, true, true);
    assertEquals(0, r.policy()[1 * 4 + 1], "white may not retake the ko at once");
    assertEquals(0, r.policy()[0 * 4 + 1], "occupied");
  }

  /**
   * Half the prior on the centre, the rest spread thin; whoever holds the centre is winning (0.8),
   * so the search concentrates on it.
   */
  static final Evaluator PEAKED =
      pos -> {
        Board board = pos.board();
        int size = board.size();
        float[] policy = new float[size * size + 1];
        java.util.Arrays.fill(policy, 0.5f / (policy.length - 1));
        policy[(size / 2) * size + size / 2] += 0.5f;
        byte centre = board.get(board.locOfPoint((size / 2) * size + size / 2));
        byte mine = pos.toMove() == Color.BLACK ? Board.BLACK : Board.WHITE;
        float v = centre == Board.EMPTY ? 0 : centre == mine ? 0.8f : -0.8f;
        return new Evaluation(policy, (1 + v) / 2, (1 - v) / 2, 0, 0, new float[size * size]);
      };

  @Test
  void forcedPlayoutsGiveLowPriorMovesTheirVisitsAndPruningTakesThemOutOfTheTarget() {
    int visits = 400;
    int centre = 3 * 7 + 3;
    int corner = 0;
    SearchParams params = SearchParams.strongest(visits).with("forced=2");
    Mcts plain = new Mcts(params, PEAKED, new SplittableRandom(4));
    SearchResult without = plain.search(new Game(7, Rules.chinese()), visits, false, 0, false);
    Mcts forced = new Mcts(params, PEAKED, new SplittableRandom(4));
    SearchResult with = forced.search(new Game(7, Rules.chinese()), visits, false, 0, true);
    // The corner's prior is 0.5 / 50 = 0.01: forced to sqrt(2 · 0.01 · 400) ≈ 2.8, so 3 visits.
    assertTrue(plain.rootVisits(corner) < 3, "unforced: " + plain.rootVisits(corner));
    assertTrue(forced.rootVisits(corner) >= 3, "forced: " + forced.rootVisits(corner));
    for (int p = 0; p < 50; p++) {
      assertTrue(forced.rootVisits(p) >= 2, "every move is looked at: " + p);
    }
    // The target keeps only what PUCT would have given: the thin moves' forced visits are gone.
    assertEquals(0f, with.policy()[corner], "pruned from the target");
    assertTrue(
        with.policy()[centre] > without.policy()[centre] - 0.05, "the best move keeps its share");
    double sum = 0;
    for (float x : with.policy()) {
      sum += x;
    }
    assertEquals(1, sum, 1e-5, "the pruned target is a distribution");
    // Without a training target nothing is forced.
    Mcts notTarget = new Mcts(params, PEAKED, new SplittableRandom(4));
    notTarget.search(new Game(7, Rules.chinese()), visits, false, 0, false);
    assertEquals(plain.rootVisits(corner), notTarget.rootVisits(corner));
  }

  /**
   * How many of the root's 50 moves (the 7x7 points and the pass) a 60-visit self-play search of
   * the empty board under {@code settings} visits.
   */
  private static int rootMovesVisited(String settings, Evaluator evaluator, long seed) {
    SearchParams params = SearchParams.selfPlay(60, SearchSettings.parse(settings));
    Mcts mcts = new Mcts(params, evaluator, new SplittableRandom(seed));
    mcts.search(new Game(7, Rules.chinese()), 60, false, 0, true);
    int n = 0;
    for (int p = 0; p <= 49; p++) {
      n += mcts.rootVisits(p) > 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void aRootPolicyTemperatureSoftensTheRootsPriorsAndSpreadsItsVisits() {
    int centre = 3 * 7 + 3;
    SearchSettings softened = SearchSettings.parse("rootpolicy=1.5,forced=0,cheap=0");
    SearchSettings plain = SearchSettings.parse("forced=0,cheap=0");
    // One visit: the root's own evaluation only, so the policy is the root's priors.
    SearchResult one =
        new Mcts(SearchParams.selfPlay(1, softened), PEAKED, new SplittableRandom(1))
            .search(new Game(7, Rules.chinese()), 1, false, 0, true);
    double centreRaised = Math.pow(0.5 + 0.5 / 49, 1 / 1.5);
    // The 48 other points and the pass share the other half.
    double expected = centreRaised / (centreRaised + 49 * Math.pow(0.5 / 49, 1 / 1.5));
    assertEquals(expected, one.policy()[centre], 1e-4, "the prior raised to 1/1.5, renormalised");
    double sum = 0;
    for (float x : one.policy()) {
      sum += x;
    }
    assertEquals(1, sum, 1e-5);
    // PEAKED's priors with every value even: the exploration term alone spreads the visits.
    Evaluator even =
        pos -> {
          Evaluation e = PEAKED.evaluate(pos);
          return new Evaluation(e.policy(), 0.5f, 0.5f, 0, 0, e.ownership());
        };
    int soft = rootMovesVisited("rootpolicy=1.5,forced=0,cheap=0,utility=0", even, 2);
    int sharp = rootMovesVisited("forced=0,cheap=0,utility=0", even, 2);
    assertTrue(soft > sharp, soft + " root moves visited softened, " + sharp);
    // It decays towards KataGo's 1.1 over the game; 1 is off.
    assertEquals(1.5, SearchParams.selfPlay(8, softened).rootPolicyTemperature(0, 9), 1e-12);
    assertEquals(1.3, SearchParams.selfPlay(8, softened).rootPolicyTemperature(9, 9), 1e-12);
    assertEquals(1, SearchParams.selfPlay(8, plain).rootPolicyTemperature(0, 9), 1e-12);
  }

  @Test
  void noFirstPlayReductionAtTheRootTriesMoreOfItsMoves() {
    // Uniform priors and even values: an unvisited root move valued as the root itself is as good
    // as any visited one, so each is tried once before any twice; with the reduction the visited
    // ones are taken again first.
    int reduced = rootMovesVisited("forced=0,cheap=0,utility=0", SCORE_ONLY, 3);
    int open = rootMovesVisited("forced=0,cheap=0,utility=0,rootfpu=0", SCORE_ONLY, 3);
    assertTrue(open > reduced, open + " root moves tried at rootfpu=0, " + reduced);
  }

  /** Uniform priors, every position even in value; the score is the area margin. */
  static final Evaluator SCORE_ONLY =
      pos -> {
        int size = pos.board().size();
        return new Evaluation(
            uniform(size), 0.5f, 0.5f, 0, (float) margin(pos), new float[size * size]);
      };

  @Test
  void withEqualValuesTheScoreUtilityPrefersTheLargerMargin() {
    // Every value is 0.5/0.5: only the score tells the capture of 14 stones from any other move.
    Board board = Board.parse(CAPTURE);
    Move capture = Move.parseGtp("F4", 7);
    SearchParams with = SearchParams.strongest(300);
    assertTrue(with.techniques().scoreUtility() > 0, "on by default");
    Mcts scored = new Mcts(with, SCORE_ONLY, new SplittableRandom(1));
    SearchResult r =
        scored.search(
            new Game(board, Color.BLACK, Rules.chinese().withKomi(0.5)), 300, false, false);
    assertEquals(capture, r.move(), "the larger margin");
    assertEquals(0, r.value(), 1e-6, "the reported value is the value alone");
    Mcts valueOnly = new Mcts(with.with("utility=0"), SCORE_ONLY, new SplittableRandom(1));
    SearchResult v =
        valueOnly.search(
            new Game(board, Color.BLACK, Rules.chinese().withKomi(0.5)), 300, false, false);
    int index = capture.index(7);
    assertTrue(
        r.policy()[index] > 2 * v.policy()[index],
        "capture's share "
            + r.policy()[index]
            + " with the score utility, "
            + v.policy()[index]
            + " without");
  }

  @Test
  void analysisReportsTheSearchFromTheMoversView() {
    Board board = Board.parse(CAPTURE);
    Game game = new Game(board, Color.BLACK, Rules.chinese().withKomi(0.5));
    Mcts mcts = new Mcts(SearchParams.strongest(200), COUNTING, new SplittableRandom(1));
    mcts.search(game, 200, false, false);
    RootAnalysis a = mcts.analysis(game, 5, 6);
    assertEquals(200, a.visits());
    assertTrue(a.moves().size() <= 5 && !a.moves().isEmpty());
    MoveInfo best = a.moves().get(0);
    assertEquals(Move.parseGtp("F4", 7), best.move(), "the capture, most visited, first");
    assertEquals(best.move(), best.pv().get(0), "a principal variation starts with its move");
    assertTrue(best.pv().size() > 1 && best.pv().size() <= 6, "pv " + best.pv());
    assertTrue(best.winrate() > 0.9, "black wins after the capture: " + best.winrate());
    assertTrue(best.scoreLead() > 10, "by the captured stones: " + best.scoreLead());
    assertTrue(best.lcb() <= best.winrate() && best.lcb() >= 0);
    assertTrue(a.winrate() > 0.5 && a.scoreLead() > 0, "the root is black's win");
    for (int i = 1; i < a.moves().size(); i++) {
      assertTrue(a.moves().get(i - 1).visits() >= a.moves().get(i).visits(), "most visited first");
    }
    int total = a.moves().stream().mapToInt(MoveInfo::visits).sum();
    assertTrue(total <= 199, "children share the root's visits but its own: " + total);
    assertEquals(49, a.ownership().length);
    // White to move in the same position: the view turns.
    Game white = new Game(board, Color.WHITE, Rules.chinese().withKomi(0.5));
    Mcts w = new Mcts(SearchParams.strongest(200), COUNTING, new SplittableRandom(1));
    w.search(white, 200, false, false);
    RootAnalysis wa = w.analysis(white, 5, 6);
    assertTrue(wa.winrate() < a.winrate() && wa.scoreLead() < a.scoreLead(), "white's view");
  }

  @Test
  void parametersAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> SearchParams.selfPlay(0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SearchParams(
                10, -1, 0.2, 10, 0.25, 1, -0.9, 3, 0.1, true, 3, 10, SearchSettings.KATAGO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SearchParams(
                10, 1, 0.2, 10, 0.25, 1, -0.9, 3, 0.1, true, 3, 20, SearchSettings.KATAGO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SearchParams(10, 1, 0.2, 10, 0.25, 1, -0.9, 3, 0.1, true, 3, 10, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Mcts(SearchParams.selfPlay(5), COUNTING, new SplittableRandom(1))
                .search(gameOver(), 5, false, false));
  }

  private static Game gameOver() {
    Game g = new Game(5, Rules.chinese());
    g.play(Move.PASS);
    g.play(Move.PASS);
    return g;
  }

  @Test
  void dirichletNoiseHasTheRightMean() {
    SplittableRandom random = new SplittableRandom(4);
    for (double alpha : new double[] {0.03, 0.3, 2.5}) {
      double sum = 0;
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        sum += Dirichlet.gamma(alpha, random);
      }
      assertEquals(alpha, sum / n, alpha * 0.1, "mean of Gamma(" + alpha + ")");
    }
  }
}
