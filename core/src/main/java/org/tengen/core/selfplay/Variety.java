package org.tengen.core.selfplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tengen.core.go.Rules;

/**
 * How self-play games differ from one another beyond the search's noise and temperature, as
 * KataGo's do: the komi of each game drawn around the run's (now and then far from it), so that the
 * value and score heads see komi as an input that matters; and a share of games that open with a
 * few moves sampled from the network's own policy, so that the data covers more openings. Those
 * opening moves are recorded as positions without a policy target (their value, score and ownership
 * targets are as true as any other's). Optionally a share of games is played under another of the
 * rules presets ({@link Rules#PRESETS}: ko rule, suicide and scoring differ), as KataGo varies its
 * rules, so that the networks read the rules inputs instead of assuming the run's; every record
 * names its own rules and komi, and the trainer encodes each row with them.
 *
 * @param komiStdDev the standard deviation of a game's komi around the run's, in points
 * @param bigKomiProbability the share of games whose komi is drawn with {@code bigKomiStdDev}
 * @param bigKomiStdDev the wide standard deviation, in points
 * @param openingProbability the share of games that open with moves from the network's policy
 * @param openingMovesMean the mean number of such moves (exponentially distributed, at least 1)
 * @param otherRulesProbability the share of games played under one of the other rules presets
 *     (drawn evenly among them), komi drawn as for any game
 */
public record Variety(
    double komiStdDev,
    double bigKomiProbability,
    double bigKomiStdDev,
    double openingProbability,
    double openingMovesMean,
    double otherRulesProbability) {

  /** Every game at the run's komi from the empty board. */
  public static final Variety NONE = new Variety(0, 0, 0, 0, 0);

  /** Komi and openings varied; every game under the run's rules. */
  public Variety(
      double komiStdDev,
      double bigKomiProbability,
      double bigKomiStdDev,
      double openingProbability,
      double openingMovesMean) {
    this(komiStdDev, bigKomiProbability, bigKomiStdDev, openingProbability, openingMovesMean, 0);
  }

  public Variety {
    if (!(komiStdDev >= 0 && komiStdDev <= 50 && bigKomiStdDev >= 0 && bigKomiStdDev <= 150)) {
      throw new IllegalArgumentException("komi standard deviations: 0 to 50 and 0 to 150 points");
    }
    if (!(bigKomiProbability >= 0 && bigKomiProbability <= 1)
        || !(openingProbability >= 0 && openingProbability <= 1)
        || !(otherRulesProbability >= 0 && otherRulesProbability <= 1)) {
      throw new IllegalArgumentException("variety probabilities must be in [0, 1]");
    }
    if (!(openingMovesMean >= 0 && openingMovesMean <= 100)) {
      throw new IllegalArgumentException("openingMovesMean must be in [0, 100]");
    }
  }

  /**
   * KataGo-like settings for a board: komi ±1 point, one game in twenty ±(points/20) (±4 on 9x9,
   * ±18 on 19x19), and every game opening with (on average) points/25 moves from the policy, as
   * KataGo's self-play does ({@code initGamesWithPolicy}, {@code policyInitAreaProp = 0.04}: 3.2
   * moves on 9x9).
   */
  public static Variety katagoLike(int size) {
    int points = size * size;
    return new Variety(1.0, 0.05, points / 20.0, 1.0, Math.max(1, points * 0.04));
  }

  /**
   * "none", "katago", or the five numbers separated by commas, or six with the share of games under
   * other rules.
   */
  public static Variety parse(String text, int size) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NONE;
    }
    if (t.equals("katago")) {
      return katagoLike(size);
    }
    String[] f = t.split(",");
    if (f.length != 5 && f.length != 6) {
      throw new IllegalArgumentException(
          "self-play variety is none, katago, or five numbers (komi sd, big komi probability, big"
              + " komi sd, opening probability, opening moves mean) and optionally a sixth (the"
              + " share of games under other rules), not '"
              + text
              + "'");
    }
    try {
      return new Variety(
          Double.parseDouble(f[0]),
          Double.parseDouble(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]),
          f.length == 6 ? Double.parseDouble(f[5]) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("self-play variety: '" + text + "' has a non-number", e);
    }
  }

  /**
   * The rules of one game: the run's, or now and then another preset at the run's komi ({@code
   * otherRulesProbability}), with a komi drawn around the run's, a multiple of 0.5 (a whole number
   * now and then, so that some games can be drawn), within the rules' komi limit and at most the
   * board's area from the run's.
   */
  public Rules rulesFor(Rules run, int size, SplittableRandom random) {
    Rules base = run;
    if (otherRulesProbability > 0 && random.nextDouble() < otherRulesProbability) {
      List<Rules> others = new ArrayList<>();
      for (String preset : Rules.PRESETS) {
        Rules r = Rules.parse(preset).withKomi(run.komi());
        if (!r.equals(run)) {
          others.add(r);
        }
      }
      if (!others.isEmpty()) {
        base = others.get(random.nextInt(others.size()));
      }
    }
    if (komiStdDev == 0 && bigKomiProbability == 0) {
      return base; // no komi draw: games without variety keep their random sequence
    }
    double sd = random.nextDouble() < bigKomiProbability ? bigKomiStdDev : komiStdDev;
    if (sd == 0) {
      return base;
    }
    double komi = run.komi() + random.nextGaussian() * sd;
    double limit = Math.min(Rules.MAX_KOMI, run.komi() + size * size);
    double floor = Math.max(-Rules.MAX_KOMI, run.komi() - size * size);
    komi = Math.max(floor, Math.min(limit, Math.rint(komi * 2) / 2));
    return base.withKomi(komi);
  }

  /** Whether games' komi may differ from the run's (so an upload's komi cannot be checked). */
  public boolean drawsKomi() {
    return komiStdDev > 0 || (bigKomiProbability > 0 && bigKomiStdDev > 0);
  }

  /** Whether games' rules may differ from the run's. */
  public boolean drawsRules() {
    return otherRulesProbability > 0;
  }

  /** How many opening moves of one game come from the network's policy. */
  public int openingMoves(SplittableRandom random) {
    if (openingMovesMean == 0 || random.nextDouble() >= openingProbability) {
      return 0;
    }
    double u = random.nextDouble();
    return Math.max(1, (int) Math.round(-openingMovesMean * Math.log(1 - u)));
  }
}
