package org.tengen.core.selfplay;

import java.util.Locale;

/**
 * The self-play search techniques a run uses, so that each can be switched off for a run (to
 * measure what it is worth) without a new worker: forced playouts with policy target pruning (their
 * k), KataGo's score utility (its factor), playout cap randomisation (the share of moves searched
 * cheaply), how the move played is chosen from the visits, whether a player may fill its own
 * eye-like points, the root's search (PUCT or Gumbel), how long root noise lasts, whether games end
 * by resignation or are played out, and KataGo's two root explorations (a softened root policy and
 * no first-play reduction at the root). Text form: {@code katago}, the defaults ({@code
 * forced=2,utility=0.3,cheap=0.75,temperature=0,eyes=1,sampled=auto,gumbel=0,noise=30,resign=1,
 * rootpolicy=1,rootfpu=0.2}), or any of the eleven {@code name=value} pairs, the others keeping
 * those values.
 *
 * @param temperature 0: the seed's rule, each of the first 30 moves sampled from the visits at
 *     temperature 1 and the most visited move after them; above 0: KataGo's rule, every move
 *     sampled at a temperature that starts at this value and halves its distance to 0.15 every 19
 *     moves on 19x19 (every {@code size} moves on smaller boards)
 * @param sampledMoves under the seed's rule ({@code temperature} 0), how many of a game's first
 *     moves are drawn from the visits at temperature 1 ({@code sampled=N}), or {@link
 *     #AUTO_SAMPLED} ({@code sampled=auto}, the default: {@link #sampledMoves(int, int)} by board).
 *     The seed's 30 were written for 19x19, where they are a tenth of a game; on 9x9 they are 40%
 *     of it, and the value of most early positions was decided by moves drawn at temperature 1.
 *     Measured on 9x9 (docs/results.md, run O): 8 gave the first wins against GNU Go level 1 of any
 *     run.
 * @param keepEyes whether the search leaves out moves that fill the mover's own eye-like points
 *     ({@link org.tengen.core.go.Board#isEyeLike}; {@code eyes=1}, the default). Without it, early
 *     networks fill their own eyes until the board is full, so that who wins a self-play game is
 *     decided by the order in which groups die of it, not by which of them lived: the value target
 *     then rewards nothing a real opponent respects (docs/results.md, 2026-12-03). KataGo has no
 *     such rule; its networks pass that stage on far more compute.
 * @param gumbelConsidered 0 (the default): PUCT at the root; above 0 ({@code gumbel=N}): the root
 *     searches as Gumbel AlphaZero's (Danihelka et al. 2022), sequential halving over at most N
 *     moves drawn by Gumbel noise and the prior, the policy target the improved policy
 *     softmax(logit + σ(completed Q)) instead of the visits, without root noise or forced playouts.
 *     Made for searches of a few simulations, where visit counts say little.
 * @param noiseMoves how many of a game's first moves get Dirichlet noise at the root of their full
 *     searches ({@code noise=N}; the seed's 30, the default), or {@link #ALL_MOVES} ({@code
 *     noise=all}: every full search, as AlphaGo Zero and KataGo do). On 9x9 the seed's 30 moves are
 *     a third of a game: the later full searches, noiseless, give targets that only sharpen the
 *     network's own prior.
 * @param resign 1 (the default): a player resigns when its value stays below the resignation
 *     threshold, except in the tenth of games that never resign; 0 ({@code resign=0}): as KataGo's
 *     self-play, no game is resigned: once one side has been at least 90% sure to win for three
 *     moves in a row, the rest of the game is searched cheaply and gives no policy targets, but it
 *     is played out and counted, so every game's value comes from a counted end and every game has
 *     score and ownership targets. Half the games of a 9x9 run at 32 visits ended by resignation
 *     (docs/results.md), on a value head that had learned from those same resignations.
 * @param rootPolicyTemperature 1 (the default): the root's priors as the network gives them; above
 *     1 ({@code rootpolicy=T}, KataGo: 1.25): the priors of every self-play root raised to 1/T and
 *     renormalised, T decaying from this value halfway to {@link #LATE_ROOT_POLICY_TEMPERATURE}
 *     every {@code size} moves, so that a sharp prior leaves the search more room to disagree
 * @param rootFpuReduction the first-play urgency reduction at the root ({@code rootfpu=X}); the
 *     default {@link #TREE_FPU_REDUCTION}, the same as below it; KataGo's self-play uses 0 there,
 *     so that an unvisited root move is valued as the position itself and gets tried
 */
public record SearchSettings(
    double forcedPlayoutK,
    double scoreUtility,
    double cheapShare,
    double temperature,
    boolean keepEyes,
    int sampledMoves,
    int gumbelConsidered,
    int noiseMoves,
    boolean resign,
    double rootPolicyTemperature,
    double rootFpuReduction) {

  /** The first-play urgency reduction below the root (and, by default, at it). */
  public static final double TREE_FPU_REDUCTION = 0.2;

  /** The root policy temperature KataGo's decays to. */
  public static final double LATE_ROOT_POLICY_TEMPERATURE = 1.1;

  /** The settings with PUCT at the root and root noise for the seed's 30 moves. */
  public SearchSettings(
      double forcedPlayoutK,
      double scoreUtility,
      double cheapShare,
      double temperature,
      boolean keepEyes,
      int sampledMoves) {
    this(
        forcedPlayoutK,
        scoreUtility,
        cheapShare,
        temperature,
        keepEyes,
        sampledMoves,
        0,
        SEED_NOISE_MOVES,
        true,
        1,
        TREE_FPU_REDUCTION);
  }

  /** The seed's moves with root noise. */
  public static final int SEED_NOISE_MOVES = 30;

  /** {@code noise=all}: root noise in every full search. */
  public static final int ALL_MOVES = Integer.MAX_VALUE;

  /** The most moves a Gumbel root may consider: a 19x19 board's points and the pass. */
  public static final int MAX_GUMBEL_CONSIDERED = 362;

  /**
   * {@code sampled=auto}: the number of sampled moves follows the board ({@link #sampledMoves}).
   */
  public static final int AUTO_SAMPLED = -1;

  /** The defaults: KataGo's techniques, eyes kept, sampled moves by board. */
  public static final SearchSettings KATAGO =
      new SearchSettings(2, 0.3, 0.75, 0, true, AUTO_SAMPLED);

  /**
   * The moves sampled on a board of {@code size} under the setting {@code sampled}: itself, or for
   * {@link #AUTO_SAMPLED} 8 up to 9x9 (measured) and the seed's 30 scaled by the board's area above
   * (14 on 13x13, 30 on 19x19).
   */
  public static int sampledMoves(int sampled, int size) {
    if (sampled != AUTO_SAMPLED) {
      return sampled;
    }
    return size <= 9 ? 8 : (int) Math.round(30.0 * size * size / 361);
  }

  /** The most opening moves the seed's rule may sample: a 19x19 board's points. */
  public static final int MAX_SAMPLED_MOVES = 361;

  /** The temperature KataGo's rule decays to. */
  public static final double LATE_TEMPERATURE = 0.15;

  public SearchSettings {
    if (!(forcedPlayoutK >= 0 && forcedPlayoutK <= 10)) {
      throw new IllegalArgumentException("forced: k from 0 (off) to 10, not " + forcedPlayoutK);
    }
    if (!(scoreUtility >= 0 && scoreUtility <= 1)) {
      throw new IllegalArgumentException("utility: from 0 (off) to 1, not " + scoreUtility);
    }
    if (!(cheapShare >= 0 && cheapShare < 1)) {
      throw new IllegalArgumentException("cheap: from 0 (off) to below 1, not " + cheapShare);
    }
    if (sampledMoves != AUTO_SAMPLED && (sampledMoves < 0 || sampledMoves > MAX_SAMPLED_MOVES)) {
      throw new IllegalArgumentException(
          "sampled: auto or from 0 to " + MAX_SAMPLED_MOVES + " moves, not " + sampledMoves);
    }
    if (!(temperature == 0 || (temperature >= LATE_TEMPERATURE && temperature <= 2))) {
      throw new IllegalArgumentException(
          "temperature: 0 (the seed's rule) or from 0.15 to 2, not " + temperature);
    }
    if (noiseMoves < 0) {
      throw new IllegalArgumentException("noise: all or a number of moves, not " + noiseMoves);
    }
    if (gumbelConsidered < 0 || gumbelConsidered > MAX_GUMBEL_CONSIDERED) {
      throw new IllegalArgumentException(
          "gumbel: 0 (off) or the moves considered, up to "
              + MAX_GUMBEL_CONSIDERED
              + ", not "
              + gumbelConsidered);
    }
    if (!(rootPolicyTemperature >= 1 && rootPolicyTemperature <= 2)) {
      throw new IllegalArgumentException(
          "rootpolicy: from 1 (off) to 2, not " + rootPolicyTemperature);
    }
    if (!(rootFpuReduction >= 0 && rootFpuReduction <= 2)) {
      throw new IllegalArgumentException("rootfpu: from 0 to 2, not " + rootFpuReduction);
    }
  }

  /**
   * The root policy temperature at move {@code moveNumber} on a board of {@code size}: {@code
   * early} halving its distance to {@link #LATE_ROOT_POLICY_TEMPERATURE} (or to {@code early}, if
   * lower) every {@code size} moves, as KataGo's does every 19 moves on 19x19.
   */
  public static double rootPolicyTemperature(double early, int moveNumber, int size) {
    double late = Math.min(early, LATE_ROOT_POLICY_TEMPERATURE);
    return late + (early - late) * Math.pow(0.5, (double) moveNumber / size);
  }

  /**
   * KataGo's rule: from {@code early} halfway to 0.15 every 19 moves on 19x19, every {@code size}
   * moves on a board of {@code size} (the halflife scales with the board's side).
   */
  public static double decayed(double early, int moveNumber, int size) {
    double halflives = (double) moveNumber / size;
    return LATE_TEMPERATURE + (early - LATE_TEMPERATURE) * Math.pow(0.5, halflives);
  }

  /** {@code katago}, or pairs such as {@code forced=0,cheap=0} over {@link #KATAGO}. */
  public static SearchSettings parse(String text) {
    String t = text == null ? "katago" : text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("katago")) {
      return KATAGO;
    }
    return KATAGO.with(t);
  }

  /**
   * These settings with the {@code name=value} pairs of {@code pairs} (as {@link #parse} reads
   * them) changed and the others kept.
   */
  public SearchSettings with(String pairs) {
    String t = pairs.strip().toLowerCase(Locale.ROOT);
    double forced = forcedPlayoutK;
    double utility = scoreUtility;
    double cheap = cheapShare;
    double temperature = this.temperature;
    boolean keepEyes = this.keepEyes;
    int sampled = sampledMoves;
    int gumbel = gumbelConsidered;
    int noise = noiseMoves;
    boolean resign = this.resign;
    double rootPolicy = rootPolicyTemperature;
    double rootFpu = rootFpuReduction;
    for (String pair : t.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "self-play search is katago or name=value pairs (forced, utility, cheap,"
                + " temperature, eyes, sampled, gumbel, noise, resign, rootpolicy, rootfpu), not '"
                + pairs
                + "'");
      }
      if (kv[0].strip().equals("sampled") && kv[1].strip().equals("auto")) {
        sampled = AUTO_SAMPLED;
        continue;
      }
      if (kv[0].strip().equals("noise") && kv[1].strip().equals("all")) {
        noise = ALL_MOVES;
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(kv[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("self-play search: '" + kv[1] + "' is not a number", e);
      }
      switch (kv[0].strip()) {
        case "forced" -> forced = v;
        case "utility" -> utility = v;
        case "cheap" -> cheap = v;
        case "temperature" -> temperature = v;
        case "eyes" -> {
          if (v != 0 && v != 1) {
            throw new IllegalArgumentException(
                "eyes: 1 (never fill one's own eye-like points) or 0 (may), not " + kv[1].strip());
          }
          keepEyes = v == 1;
        }
        case "resign" -> {
          if (v != 0 && v != 1) {
            throw new IllegalArgumentException(
                "resign: 1 (players resign lost games) or 0 (every game is played out), not "
                    + kv[1].strip());
          }
          resign = v == 1;
        }
        case "rootpolicy" -> rootPolicy = v;
        case "rootfpu" -> rootFpu = v;
        case "sampled" -> {
          if (v != Math.rint(v) || v < 0 || v > MAX_SAMPLED_MOVES) {
            throw new IllegalArgumentException(
                "sampled: auto or a whole number of moves from 0 to "
                    + MAX_SAMPLED_MOVES
                    + ", not "
                    + kv[1].strip());
          }
          sampled = (int) v;
        }
        case "noise" -> {
          if (v != Math.rint(v) || v < 0 || v > MAX_SAMPLED_MOVES) {
            throw new IllegalArgumentException(
                "noise: all or a whole number of moves from 0 to "
                    + MAX_SAMPLED_MOVES
                    + ", not "
                    + kv[1].strip());
          }
          noise = (int) v;
        }
        case "gumbel" -> {
          if (v != Math.rint(v) || v < 0 || v > MAX_GUMBEL_CONSIDERED) {
            throw new IllegalArgumentException(
                "gumbel: 0 (off) or a whole number of moves considered, up to "
                    + MAX_GUMBEL_CONSIDERED
                    + ", not "
                    + kv[1].strip());
          }
          gumbel = (int) v;
        }
        default ->
            throw new IllegalArgumentException(
                "self-play search knows forced, utility, cheap, temperature, eyes, sampled,"
                    + " gumbel, noise, resign, rootpolicy and rootfpu,"
                    + " not '"
                    + kv[0].strip()
                    + "'");
      }
    }
    return new SearchSettings(
        forced,
        utility,
        cheap,
        temperature,
        keepEyes,
        sampled,
        gumbel,
        noise,
        resign,
        rootPolicy,
        rootFpu);
  }

  @Override
  public String toString() {
    return equals(KATAGO)
        ? "katago"
        : String.format(
                Locale.ROOT,
                "forced=%s,utility=%s,cheap=%s,temperature=%s,eyes=%d,sampled=%s",
                forcedPlayoutK,
                scoreUtility,
                cheapShare,
                temperature,
                keepEyes ? 1 : 0,
                sampledMoves == AUTO_SAMPLED ? "auto" : Integer.toString(sampledMoves))
            + (gumbelConsidered > 0 ? ",gumbel=" + gumbelConsidered : "")
            + (noiseMoves == SEED_NOISE_MOVES
                ? ""
                : ",noise=" + (noiseMoves == ALL_MOVES ? "all" : Integer.toString(noiseMoves)))
            + (resign ? "" : ",resign=0")
            + (rootPolicyTemperature == 1 ? "" : ",rootpolicy=" + rootPolicyTemperature)
            + (rootFpuReduction == TREE_FPU_REDUCTION ? "" : ",rootfpu=" + rootFpuReduction);
  }
}
