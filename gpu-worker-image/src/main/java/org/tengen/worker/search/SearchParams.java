package org.tengen.worker.search;

import org.tengen.core.selfplay.SearchSettings;

/**
 * Every tunable of the search, validated on construction: the search's own constants and a run's
 * self-play techniques ({@link SearchSettings}, each of which a run can switch off).
 *
 * @param visits playouts per move (the seed: 800); reused subtrees count towards it
 * @param cpuct exploration constant of PUCT
 * @param fpuReduction first-play urgency below the root: an unvisited child is valued at the
 *     parent's Q minus this times the square root of the prior mass already visited (the root's is
 *     {@link SearchSettings#rootFpuReduction})
 * @param noiseAlphaTotal Dirichlet alpha times the number of legal moves (KataGo: 0.03 · 361), so
 *     alpha scales with the board
 * @param noiseWeight share of the root prior replaced by noise (0.25)
 * @param temperature T for the moves the seed's rule samples (1.0)
 * @param resignThreshold the mover resigns when its root value stays below this
 * @param resignConsecutive for this many of its own moves in a row
 * @param noResignFraction share of games that never resign, so false resignations can be measured
 * @param treeReuse whether the subtree of the move played is kept for the next search
 * @param maxMovesPerPoint a game reaching {@code maxMovesPerPoint · size²} moves is ended by passes
 *     (and counted), so no game runs forever
 * @param cheapVisits the visits of a cheap search (playout cap randomisation)
 * @param techniques the self-play techniques: forced playouts, score utility, the share of cheap
 *     searches, the move temperature, eyes, the root's search, root noise, resignation or
 *     played-out games, and the root's policy temperature and first-play urgency
 */
public record SearchParams(
    int visits,
    double cpuct,
    double fpuReduction,
    double noiseAlphaTotal,
    double noiseWeight,
    double temperature,
    double resignThreshold,
    int resignConsecutive,
    double noResignFraction,
    boolean treeReuse,
    int maxMovesPerPoint,
    int cheapVisits,
    SearchSettings techniques) {

  /** A root value (in [-1, 1]) this far from 0 is a 90% win for one side. */
  public static final double DECIDED_VALUE = 0.8;

  /** The moves in a row a game must look decided before its searches are reduced. */
  public static final int DECIDED_MOVES = 3;

  public SearchParams {
    check(visits >= 1 && visits <= 1_000_000, "visits " + visits + " must be 1..1000000");
    check(cpuct > 0 && cpuct < 100, "cpuct " + cpuct + " must be in (0, 100)");
    check(fpuReduction >= 0 && fpuReduction <= 2, "fpuReduction must be in [0, 2]");
    check(noiseAlphaTotal > 0, "noiseAlphaTotal must be positive");
    check(noiseWeight >= 0 && noiseWeight <= 1, "noiseWeight must be in [0, 1]");
    check(temperature > 0 && temperature <= 10, "temperature must be in (0, 10]");
    check(resignThreshold >= -1 && resignThreshold <= 0, "resignThreshold must be in [-1, 0]");
    check(resignConsecutive >= 1, "resignConsecutive must be at least 1");
    check(noResignFraction >= 0 && noResignFraction <= 1, "noResignFraction must be in [0, 1]");
    check(maxMovesPerPoint >= 1 && maxMovesPerPoint <= 10, "maxMovesPerPoint must be 1..10");
    check(cheapVisits >= 1 && cheapVisits <= visits, "cheapVisits must be 1..visits");
    check(techniques != null, "the self-play techniques must be given");
  }

  /**
   * KataGo's reduced visits: once the root has shown one side at least {@link #DECIDED_VALUE} for
   * {@link #DECIDED_MOVES} moves in a row, the game's later moves get cheap searches that are no
   * policy targets; used where games are played out ({@code resign=0}), not resigned.
   */
  public boolean reduceDecided() {
    return !techniques.resign();
  }

  /** The root policy temperature at move {@code moveNumber} (from 0); 1: the priors as given. */
  public double rootPolicyTemperature(int moveNumber, int size) {
    double early = techniques.rootPolicyTemperature();
    return early == 1 ? 1 : SearchSettings.rootPolicyTemperature(early, moveNumber, size);
  }

  /** The temperature move {@code moveNumber} (from 0) is chosen at; 0: the most visited. */
  public double moveTemperature(int moveNumber, int size) {
    if (techniques.temperature() == 0) {
      int sampled = SearchSettings.sampledMoves(techniques.sampledMoves(), size);
      return moveNumber < sampled ? temperature : 0;
    }
    return SearchSettings.decayed(techniques.temperature(), moveNumber, size);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("search parameters: " + message);
    }
  }

  /**
   * The self-play settings at {@code visits} with KataGo's techniques ({@link #selfPlay(int,
   * SearchSettings)}).
   */
  public static SearchParams selfPlay(int visits) {
    return selfPlay(visits, SearchSettings.KATAGO);
  }

  /**
   * The seed's self-play settings at {@code visits} with a run's techniques: a cheap search is a
   * quarter of the visits, and where games end by resignation a tenth of them never resign.
   */
  public static SearchParams selfPlay(int visits, SearchSettings techniques) {
    return new SearchParams(
        visits,
        1.1,
        SearchSettings.TREE_FPU_REDUCTION,
        0.03 * 361,
        0.25,
        1.0,
        -0.95,
        3,
        techniques.resign() ? 0.1 : 1,
        true,
        3,
        Math.max(1, visits / 4),
        techniques);
  }

  /**
   * The same settings with the techniques' {@code name=value} pairs changed ({@link
   * SearchSettings#with}), e.g. {@code "forced=2"} on rating settings.
   */
  public SearchParams with(String techniquePairs) {
    return withTechniques(techniques.with(techniquePairs));
  }

  /** The same settings with other techniques. */
  public SearchParams withTechniques(SearchSettings other) {
    return new SearchParams(
        visits,
        cpuct,
        fpuReduction,
        noiseAlphaTotal,
        noiseWeight,
        temperature,
        resignThreshold,
        resignConsecutive,
        noResignFraction,
        treeReuse,
        maxMovesPerPoint,
        cheapVisits,
        other);
  }

  /** Settings for rating games and GTP: no noise, no temperature, no resignation. */
  public static SearchParams strongest(int visits) {
    return withoutNoise(visits, 0);
  }

  /**
   * Settings for rating games: no noise and no resignation, but the first 8 moves sampled at
   * temperature 1 so that games between the same two networks differ.
   */
  public static SearchParams rating(int visits) {
    return withoutNoise(visits, 8);
  }

  /**
   * KataGo's techniques less those of self-play: no noise, no resignation, no cheap searches, no
   * forced playouts; the score utility and eyes kept; the first {@code sampledMoves} sampled at 1.
   */
  private static SearchParams withoutNoise(int visits, int sampledMoves) {
    SearchSettings match =
        SearchSettings.KATAGO.with("forced=0,cheap=0,noise=0,sampled=" + sampledMoves);
    return new SearchParams(
        visits,
        1.1,
        SearchSettings.TREE_FPU_REDUCTION,
        0.03 * 361,
        0,
        1.0,
        -1,
        1,
        1,
        true,
        3,
        visits,
        match);
  }
}
