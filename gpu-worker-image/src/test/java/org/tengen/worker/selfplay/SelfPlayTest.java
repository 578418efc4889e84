package org.tengen.worker.selfplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Color;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameValidator;
import org.tengen.core.record.Reason;
import org.tengen.core.record.ValidationLimits;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;
import org.tengen.worker.search.SearchParams;

class SelfPlayTest {

  @Test
  void gamesOfATinyRandomNetworkPassTheCoreValidator() {
    NetworkName name = NetworkName.parse("test-b1c8-s0-d0");
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    try (Network net = Network.random(name, 11, Device.cpu());
        BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 1, true, 5)) {
      SplittableRandom random = new SplittableRandom(17);
      for (Rules rules : List.of(Rules.chinese(), Rules.newZealand())) {
        // The seed's 30 sampled moves keep these short 7x7 games long enough for the share of
        // cheap searches below to be measured (the share, not the sampling, is under test).
        SelfPlay.Settings settings =
            new SelfPlay.Settings(
                7,
                rules,
                SearchParams.selfPlay(
                    12, org.tengen.core.selfplay.SearchSettings.parse("sampled=30")));
        GameRecord record = SelfPlay.play(settings, name.toString(), evaluator, random);
        List<Reason> reasons = validator.validate(record);
        assertEquals(List.of(), reasons, rules.name());
        assertTrue(record.moves().size() >= 11, "moves: " + record.moves().size());
        assertEquals(record.moves().size(), record.positions().size());
        long cheap = record.positions().stream().filter(p -> !p.isPolicyTarget()).count();
        double share = (double) cheap / record.positions().size();
        assertTrue(share > 0.5 && share < 0.95, "about 3 in 4 cheap searches: " + share);
      }
    }
  }

  /** Uniform priors; the value says who is lost (from the mover's view). */
  private static Evaluator losing(java.util.function.Predicate<Color> lost) {
    return pos -> {
      int size = pos.board().size();
      float[] policy = new float[size * size + 1];
      Arrays.fill(policy, 1f / policy.length);
      boolean l = lost.test(pos.toMove());
      return new Evaluation(policy, l ? 0 : 1, l ? 1 : 0, 0, 0, new float[size * size]);
    };
  }

  private static SearchParams alwaysMayResign() {
    SearchParams p =
        SearchParams.selfPlay(8, org.tengen.core.selfplay.SearchSettings.parse("cheap=0"));
    return new SearchParams(
        p.visits(),
        p.cpuct(),
        p.fpuReduction(),
        p.noiseAlphaTotal(),
        p.noiseWeight(),
        p.temperature(),
        p.resignThreshold(),
        p.resignConsecutive(),
        0,
        p.treeReuse(),
        p.maxMovesPerPoint(),
        p.visits(),
        p.techniques());
  }

  @Test
  void aValueHeadThatCallsEveryPositionLostForTheMoverDoesNotEndGamesByResignation() {
    SelfPlay.Settings settings = new SelfPlay.Settings(7, Rules.chinese(), alwaysMayResign());
    for (int seed = 1; seed <= 3; seed++) {
      GameRecord record =
          SelfPlay.play(settings, "test-b1c8-s0-d0", losing(c -> true), new SplittableRandom(seed));
      assertTrue(
          !record.result().contains("+R"),
          "both sides think they are lost, so neither may resign: " + record.result());
    }
  }

  @Test
  void aSideBothPlayersAgreeIsLostResigns() {
    SelfPlay.Settings settings = new SelfPlay.Settings(7, Rules.chinese(), alwaysMayResign());
    GameRecord record =
        SelfPlay.play(
            settings, "test-b1c8-s0-d0", losing(c -> c == Color.BLACK), new SplittableRandom(5));
    assertEquals("W+R", record.result());
    assertEquals(List.of(), new GameValidator(ValidationLimits.defaults()).validate(record));
  }

  @Test
  void withoutResignationADecidedGameIsPlayedOutCheaplyAndCounted() {
    // Black is lost from the first move by both players' values: with resignation white wins by
    // it (above); without, the game is counted, and after three moves that look decided every
    // search is a cheap one that gives no policy target.
    SearchParams playOut =
        SearchParams.selfPlay(8, org.tengen.core.selfplay.SearchSettings.parse("resign=0,cheap=0"));
    assertTrue(playOut.reduceDecided() && playOut.noResignFraction() == 1);
    SelfPlay.Settings settings = new SelfPlay.Settings(7, Rules.chinese(), playOut);
    for (int seed = 1; seed <= 3; seed++) {
      GameRecord record =
          SelfPlay.play(
              settings,
              "test-b1c8-s0-d0",
              losing(c -> c == Color.BLACK),
              new SplittableRandom(seed));
      assertTrue(!record.result().contains("+R"), "counted, not resigned: " + record.result());
      assertEquals(List.of(), new GameValidator(ValidationLimits.defaults()).validate(record));
      long targets = record.positions().stream().filter(p -> p.isPolicyTarget()).count();
      assertEquals(SearchParams.DECIDED_MOVES, targets, "only the moves before it looked decided");
      assertTrue(record.positions().size() > 20, "played on: " + record.positions().size());
    }
    // An undecided game keeps its full searches: every move a target at cheap=0.
    GameRecord even =
        SelfPlay.play(settings, "test-b1c8-s0-d0", onePoint(24), new SplittableRandom(4));
    assertEquals(
        even.positions().size(), even.positions().stream().filter(p -> p.isPolicyTarget()).count());
  }

  /** A policy that puts all weight on one point (and none on the pass). */
  private static Evaluator onePoint(int point) {
    return pos -> {
      int size = pos.board().size();
      float[] policy = new float[size * size + 1];
      Arrays.fill(policy, 1e-6f);
      policy[point] = 1f;
      policy[size * size] = 0;
      return new Evaluation(policy, 0.5f, 0.5f, 0, 0, new float[size * size]);
    };
  }

  @Test
  void openingMovesComeFromThePolicyAndAreNoPolicyTargets() {
    // Every game opens with moves from the policy; the first is the policy's favourite point.
    org.tengen.core.selfplay.Variety opening =
        new org.tengen.core.selfplay.Variety(0, 0, 0, 1.0, 3);
    SelfPlay.Settings settings =
        new SelfPlay.Settings(7, Rules.chinese(), SearchParams.selfPlay(8), opening);
    int openedOnFavourite = 0;
    for (int seed = 1; seed <= 6; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      GameRecord record = SelfPlay.play(settings, "test-b1c8-s0-d0", onePoint(24), random);
      assertEquals(List.of(), new GameValidator(ValidationLimits.defaults()).validate(record));
      assertTrue(!record.positions().get(0).isPolicyTarget(), "the first move was an opening move");
      openedOnFavourite += record.moves().get(0).equalsIgnoreCase("D4") ? 1 : 0;
    }
    assertTrue(openedOnFavourite >= 5, "the policy's point opens the games: " + openedOnFavourite);
  }

  @Test
  void eachGameRecordsTheKomiItWasPlayedWithAndPassesTheValidator() {
    NetworkName name = NetworkName.parse("test-b1c8-s0-d0");
    org.tengen.core.selfplay.Variety komi = new org.tengen.core.selfplay.Variety(3, 0, 0, 0, 0);
    java.util.Set<Double> komis = new java.util.TreeSet<>();
    try (Network net = Network.random(name, 11, Device.cpu());
        BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 1, true, 5)) {
      SplittableRandom random = new SplittableRandom(3);
      SelfPlay.Settings settings =
          new SelfPlay.Settings(7, Rules.chinese(), SearchParams.selfPlay(6), komi);
      for (int g = 0; g < 4; g++) {
        GameRecord record = SelfPlay.play(settings, name.toString(), evaluator, random);
        assertEquals(List.of(), new GameValidator(ValidationLimits.defaults()).validate(record));
        komis.add(record.komi());
      }
    }
    assertTrue(komis.size() >= 3, "komi varies from game to game: " + komis);
  }

  @Test
  void gamesWithAGumbelRootUnderVariedRulesPassTheValidator() {
    NetworkName name = NetworkName.parse("test-b1c8-s0-d0");
    // Half the games under another preset; the Gumbel root's dense targets in every full search.
    org.tengen.core.selfplay.Variety rules =
        new org.tengen.core.selfplay.Variety(0, 0, 0, 0, 0, 0.5);
    SearchParams gumbel =
        SearchParams.selfPlay(12, org.tengen.core.selfplay.SearchSettings.parse("gumbel=8"));
    java.util.Set<String> played = new java.util.TreeSet<>();
    long dense = 0;
    try (Network net = Network.random(name, 11, Device.cpu());
        BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 1, true, 5)) {
      SplittableRandom random = new SplittableRandom(8);
      SelfPlay.Settings settings = new SelfPlay.Settings(7, Rules.chinese(), gumbel, rules);
      for (int g = 0; g < 5; g++) {
        GameRecord record = SelfPlay.play(settings, name.toString(), evaluator, random);
        assertEquals(List.of(), new GameValidator(ValidationLimits.defaults()).validate(record));
        played.add(record.rules());
        dense +=
            record.positions().stream()
                .filter(p -> p.isPolicyTarget())
                .filter(
                    p ->
                        IntStream.range(0, p.policy().length).filter(i -> p.policy()[i] > 0).count()
                            > 12)
                .count();
      }
    }
    assertTrue(played.size() >= 2, "games under more than one preset: " + played);
    assertTrue(dense > 0, "full searches whose target covers more moves than their 12 visits");
  }
}
