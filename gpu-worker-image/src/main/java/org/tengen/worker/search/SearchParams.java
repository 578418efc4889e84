package org.tengen.worker.search;

/**
 * Every tunable of the search, validated on construction.
 *
 * @param visits playouts per move (the seed: 800); reused subtrees count towards it
 * @param cpuct exploration constant of PUCT
 * @param fpuReduction first-play urgency: an unvisited child is valued at the parent's Q minus this
 *     times the square root of the prior mass already visited
 * @param noiseAlphaTotal Dirichlet alpha times the number of legal moves (KataGo: 0.03 · 361), so
 *     alpha scales with the board
 * @param noiseWeight share of the root prior replaced by noise (0.25)
 * @param noiseMoves moves of a game with root noise (the seed: 30)
 * @param temperatureMoves moves played by sampling visits^(1/T) (the seed: 30; {@link
 *     org.tengen.core.selfplay.SearchSettings#AUTO_SAMPLED}: by board); later moves take the
 *     most-visited child
 * @param temperature T for those moves (1.0)
 * @param resignThreshold the mover resigns when its root value stays below this
 * @param resignConsecutive for this many of its own moves in a row
 * @param noResignFraction share of games that never resign, so false resignations can be measured
 * @param treeReuse whether the subtree of the move played is kept for the next search
 * @param maxMovesPerPoint a game reaching {@code maxMovesPerPoint · size²} moves is ended by passes
 *     (and counted), so no game runs forever
 * @param cheapSearchProbability playout cap randomisation: the share of moves searched cheaply
 * @param cheapVisits the visits of a cheap search
 * @param forcedPlayoutK KataGo's forced playouts in searches whose policy is a training target: a
 *     root child with prior P gets at least {@code sqrt(k · P · N)} of the root's N visits, and the
 *     visits the search would not have given it are pruned from the target afterwards; 0 off
 * @param scoreUtilityFactor KataGo's dynamic score utility (0 off)
 * @param decayingTemperature 0: the first {@code temperatureMoves} moves are sampled at {@code
 *     temperature} and the rest take the most visited child (the seed); above 0: every move is
 *     sampled, at a temperature that decays from this value as {@link
 *     org.tengen.core.selfplay.SearchSettings#decayed} says (KataGo)
 * @param keepEyes whether moves that fill the mover's own eye-like points are left out of every
 *     node's children ({@link org.tengen.core.selfplay.SearchSettings#keepEyes} says why)
 * @param gumbelConsidered above 0: the root searches as Gumbel AlphaZero's ({@link GumbelRoot}),
 *     considering at most this many moves, its policy target the improved policy and no root noise,
 *     no forced playouts and no tree reuse at the root; 0: PUCT throughout
 * @param rootPolicyTemperature 1: the root's priors as given; above 1: raised to 1/T at move 0,
 *     decaying as {@link org.tengen.core.selfplay.SearchSettings#rootPolicyTemperature} says
 * @param rootFpuReduction the first-play urgency reduction at the root ({@code fpuReduction} below
 *     it)
 * @param reduceDecided KataGo's reduced visits: once the root has shown one side at least {@link
 *     #DECIDED_VALUE} for {@link #DECIDED_MOVES} moves in a row, the game's later moves get cheap
 *     searches that are no policy targets (used where games are played out, not resigned)
 */
public record SearchParams(
    int visits,
    double cpuct,
    double fpuReduction,
    double noiseAlphaTotal,
    double noiseWeight,
    int noiseMoves,
    int temperatureMoves,
    double temperature,
    double resignThreshold,
    int resignConsecutive,
    double noResignFraction,
    boolean treeReuse,
    int maxMovesPerPoint,
    double cheapSearchProbability,
    int cheapVisits,
    double forcedPlayoutK,
    double scoreUtilityFactor,
    double decayingTemperature,
    boolean keepEyes,
    int gumbelConsidered,
    double rootPolicyTemperature,
    double rootFpuReduction,
    boolean reduceDecided) {

  /** The first-play urgency reduction below the root, and at it unless a run says otherwise. */
  private static final double TREE_FPU = org.tengen.core.selfplay.SearchSettings.TREE_FPU_REDUCTION;

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
    check(
        noiseMoves >= 0
            && (temperatureMoves >= 0
                || temperatureMoves == org.tengen.core.selfplay.SearchSettings.AUTO_SAMPLED),
        "move counts must not be negative");
    check(temperature > 0 && temperature <= 10, "temperature must be in (0, 10]");
    check(resignThreshold >= -1 && resignThreshold <= 0, "resignThreshold must be in [-1, 0]");
    check(resignConsecutive >= 1, "resignConsecutive must be at least 1");
    check(noResignFraction >= 0 && noResignFraction <= 1, "noResignFraction must be in [0, 1]");
    check(maxMovesPerPoint >= 1 && maxMovesPerPoint <= 10, "maxMovesPerPoint must be 1..10");
    check(
        cheapSearchProbability >= 0 && cheapSearchProbability < 1,
        "cheapSearchProbability must be in [0, 1)");
    check(cheapVisits >= 1 && cheapVisits <= visits, "cheapVisits must be 1..visits");
    check(forcedPlayoutK >= 0 && forcedPlayoutK <= 10, "forcedPlayoutK must be in [0, 10]");
    check(
        scoreUtilityFactor >= 0 && scoreUtilityFactor <= 1, "scoreUtilityFactor must be in [0, 1]");
    check(
        decayingTemperature == 0
            || (decayingTemperature >= org.tengen.core.selfplay.SearchSettings.LATE_TEMPERATURE
                && decayingTemperature <= 2),
        "decayingTemperature must be 0 or in [0.15, 2]");
    check(gumbelConsidered >= 0 && gumbelConsidered <= 362, "gumbelConsidered must be 0..362");
    check(
        rootPolicyTemperature >= 1 && rootPolicyTemperature <= 2,
        "rootPolicyTemperature must be in [1, 2]");
    check(rootFpuReduction >= 0 && rootFpuReduction <= 2, "rootFpuReduction must be in [0, 2]");
  }

  /** The root policy temperature at move {@code moveNumber} (from 0); 1: the priors as given. */
  public double rootPolicyTemperature(int moveNumber, int size) {
    return rootPolicyTemperature == 1
        ? 1
        : org.tengen.core.selfplay.SearchSettings.rootPolicyTemperature(
            rootPolicyTemperature, moveNumber, size);
  }

  /** The temperature move {@code moveNumber} (from 0) is chosen at; 0: the most visited. */
  public double moveTemperature(int moveNumber, int size) {
    if (decayingTemperature == 0) {
      int sampled = org.tengen.core.selfplay.SearchSettings.sampledMoves(temperatureMoves, size);
      return moveNumber < sampled ? temperature : 0;
    }
    return org.tengen.core.selfplay.SearchSettings.decayed(decayingTemperature, moveNumber, size);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("search parameters: " + message);
    }
  }

  /**
   * The seed's self-play settings at the given visits, with KataGo's playout cap randomisation
   * (three moves in four get a cheap search of a quarter of the visits) and its forced playouts
   * with policy target pruning (k = 2) in the full searches.
   */
  public static SearchParams selfPlay(int visits) {
    return new SearchParams(
        visits,
        1.1,
        TREE_FPU,
        0.03 * 361,
        0.25,
        30,
        org.tengen.core.selfplay.SearchSettings.AUTO_SAMPLED,
        1.0,
        -0.95,
        3,
        0.1,
        true,
        3,
        0.75,
        Math.max(1, visits / 4),
        2,
        SCORE_UTILITY,
        0,
        true,
        0,
        1,
        TREE_FPU,
        false);
  }

  /** KataGo's dynamic score utility factor. */
  static final double SCORE_UTILITY = 0.3;

  /**
   * The self-play settings at {@code visits} with a run's techniques: forced playouts, score
   * utility, playout cap randomisation and the Gumbel root as {@code s} says (each 0: off), its
   * moves with root noise, resignation or played-out games, and the root's policy temperature and
   * first-play urgency.
   */
  public static SearchParams selfPlay(int visits, org.tengen.core.selfplay.SearchSettings s) {
    SearchParams p = selfPlay(visits);
    return new SearchParams(
        p.visits,
        p.cpuct,
        p.fpuReduction,
        p.noiseAlphaTotal,
        p.noiseWeight,
        s.noiseMoves(),
        s.sampledMoves(),
        p.temperature,
        p.resignThreshold,
        p.resignConsecutive,
        s.resign() ? p.noResignFraction : 1,
        p.treeReuse,
        p.maxMovesPerPoint,
        s.cheapShare(),
        p.cheapVisits,
        s.forcedPlayoutK(),
        s.scoreUtility(),
        s.temperature(),
        s.keepEyes(),
        s.gumbelConsidered(),
        s.rootPolicyTemperature(),
        s.rootFpuReduction(),
        !s.resign());
  }

  /** The same settings with a Gumbel root considering {@code considered} moves (0: PUCT). */
  public SearchParams withGumbel(int considered) {
    return with(
        forcedPlayoutK,
        scoreUtilityFactor,
        cheapSearchProbability,
        decayingTemperature,
        keepEyes,
        temperatureMoves,
        considered,
        noiseMoves);
  }

  /** The same settings with the first {@code moves} moves sampled (the seed's rule). */
  public SearchParams withTemperatureMoves(int moves) {
    return with(
        forcedPlayoutK,
        scoreUtilityFactor,
        cheapSearchProbability,
        decayingTemperature,
        keepEyes,
        moves,
        gumbelConsidered,
        noiseMoves);
  }

  /** The same settings with forced playouts set to {@code k} (0: off). */
  public SearchParams withForcedPlayouts(double k) {
    return with(
        k,
        scoreUtilityFactor,
        cheapSearchProbability,
        decayingTemperature,
        keepEyes,
        temperatureMoves,
        gumbelConsidered,
        noiseMoves);
  }

  /** The same settings with the score utility factor set to {@code factor} (0: off). */
  public SearchParams withScoreUtility(double factor) {
    return with(
        forcedPlayoutK,
        factor,
        cheapSearchProbability,
        decayingTemperature,
        keepEyes,
        temperatureMoves,
        gumbelConsidered,
        noiseMoves);
  }

  /** The same settings with eye-like points kept ({@code true}) or fillable. */
  public SearchParams withKeepEyes(boolean keep) {
    return with(
        forcedPlayoutK,
        scoreUtilityFactor,
        cheapSearchProbability,
        decayingTemperature,
        keep,
        temperatureMoves,
        gumbelConsidered,
        noiseMoves);
  }

  private SearchParams with(
      double forcedK,
      double scoreFactor,
      double cheapProbability,
      double decaying,
      boolean eyes,
      int sampledMoves,
      int gumbel,
      int noised) {
    return new SearchParams(
        visits,
        cpuct,
        fpuReduction,
        noiseAlphaTotal,
        noiseWeight,
        noised,
        sampledMoves,
        temperature,
        resignThreshold,
        resignConsecutive,
        noResignFraction,
        treeReuse,
        maxMovesPerPoint,
        cheapProbability,
        cheapVisits,
        forcedK,
        scoreFactor,
        decaying,
        eyes,
        gumbel,
        rootPolicyTemperature,
        rootFpuReduction,
        reduceDecided);
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

  /** No noise, no resignation, no cheap searches; the first {@code sampledMoves} sampled at 1. */
  private static SearchParams withoutNoise(int visits, int sampledMoves) {
    return new SearchParams(
        visits,
        1.1,
        TREE_FPU,
        0.03 * 361,
        0,
        0,
        sampledMoves,
        1.0,
        -1,
        1,
        1,
        true,
        3,
        0,
        visits,
        0,
        SCORE_UTILITY,
        0,
        true,
        0,
        1,
        TREE_FPU,
        false);
  }
}
