package org.tengen.core.rating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tengen.core.api.RatingApi.Result;

/**
 * A candidate's rating games as evidence from many hands: which of them count, so that no single
 * contributor decides a release. Two rules, in this order:
 *
 * <ol>
 *   <li><b>Agreement.</b> Each contributor's decisive games are tested against the pooled games of
 *       all the others (an exact two-sided binomial test of its wins against the others' win rate).
 *       While at least three contributors remain, the one least consistent with the rest is left
 *       out if its p-value is below {@code alpha}, and the test is repeated. With two left that
 *       disagree, neither can be believed over the other: both are left out, and the candidate
 *       waits for a third contributor's games.
 *   <li><b>Share.</b> No contributor's counted games exceed {@code maxShare} of the counted total:
 *       a contributor's games beyond {@code maxShare / (1 - maxShare)} times the others' are left
 *       out (its latest first). With {@code maxShare} below 1 a single contributor's games count
 *       for nothing, so at least two must have played.
 * </ol>
 *
 * The same evidence always gives the same tally: games are taken in the order they were recorded.
 */
public final class ContributorSpread {

  /** One counted rating game: who played it and how the candidate did. */
  public record Game(String contributor, Result outcome) {}

  /** A contributor whose games are left out, and why. */
  public record LeftOut(String contributor, int games, String reason) {}

  /** What counts: the score, how many contributors it comes from, and what was left out. */
  public record Tally(MatchScore score, int contributors, List<LeftOut> leftOut) {

    /** A line for the decision's reason; empty when nothing was left out. */
    public String summary() {
      if (leftOut.isEmpty()) {
        return "";
      }
      StringBuilder s = new StringBuilder("left out: ");
      for (int i = 0; i < leftOut.size(); i++) {
        LeftOut l = leftOut.get(i);
        s.append(i == 0 ? "" : "; ")
            .append(l.games())
            .append(" game(s) of ")
            .append(l.contributor())
            .append(" (")
            .append(l.reason())
            .append(')');
      }
      return s.toString();
    }
  }

  /** Below this many decisive games a contributor is not tested (nor used as the others' rate). */
  public static final int MIN_TESTED_GAMES = 8;

  private final double maxShare;
  private final double alpha;

  /**
   * @param maxShare the largest share of a candidate's counted games one contributor may have, in
   *     (0, 1]; 1 turns the rule off (a run with one worker)
   * @param alpha the p-value below which a contributor's results are called inconsistent with the
   *     others', in [0, 1); 0 turns the test off
   */
  public ContributorSpread(double maxShare, double alpha) {
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("max contributor share: above 0, at most 1; " + maxShare);
    }
    if (!(alpha >= 0 && alpha < 1)) {
      throw new IllegalArgumentException("outlier alpha: from 0 (off) to below 1; " + alpha);
    }
    this.maxShare = maxShare;
    this.alpha = alpha;
  }

  public Tally tally(List<Game> games) {
    Map<String, List<Result>> by = new LinkedHashMap<>();
    for (Game g : games) {
      by.computeIfAbsent(g.contributor(), c -> new ArrayList<>()).add(g.outcome());
    }
    List<LeftOut> leftOut = new ArrayList<>();
    leaveOutDisagreeing(by, leftOut);
    capShares(by, leftOut);
    MatchScore score = MatchScore.NONE;
    int contributors = 0;
    for (List<Result> results : by.values()) {
      contributors += results.isEmpty() ? 0 : 1;
      for (Result r : results) {
        score = score.plus(r == Result.WIN ? 1 : r == Result.LOSS ? -1 : 0);
      }
    }
    return new Tally(score, contributors, List.copyOf(leftOut));
  }

  private void leaveOutDisagreeing(Map<String, List<Result>> by, List<LeftOut> leftOut) {
    if (alpha == 0) {
      return;
    }
    while (by.size() >= 2) {
      String worst = null;
      double worstP = 1;
      Map<String, Double> pValues = new LinkedHashMap<>();
      for (String c : by.keySet()) {
        double p = pValue(c, by);
        pValues.put(c, p);
        if (p < worstP) {
          worstP = p;
          worst = c;
        }
      }
      if (worst == null || worstP >= alpha) {
        return;
      }
      if (by.size() == 2) {
        for (Map.Entry<String, Double> e : pValues.entrySet()) {
          leftOut.add(
              new LeftOut(
                  e.getKey(),
                  by.get(e.getKey()).size(),
                  String.format(
                      Locale.ROOT,
                      "the only two contributors disagree, p = %.2g; waiting for a third",
                      Math.min(e.getValue(), worstP))));
        }
        by.clear();
        return;
      }
      leftOut.add(
          new LeftOut(
              worst,
              by.get(worst).size(),
              String.format(
                  Locale.ROOT,
                  "results inconsistent with the other contributors', p = %.2g",
                  worstP)));
      by.remove(worst);
    }
  }

  /** The two-sided binomial p-value of {@code c}'s wins given the others' rate; 1 if untestable. */
  private static double pValue(String c, Map<String, List<Result>> by) {
    long wins = 0, losses = 0, otherWins = 0, otherLosses = 0;
    for (Map.Entry<String, List<Result>> e : by.entrySet()) {
      boolean self = e.getKey().equals(c);
      for (Result r : e.getValue()) {
        if (r == Result.WIN) {
          if (self) wins++;
          else otherWins++;
        } else if (r == Result.LOSS) {
          if (self) losses++;
          else otherLosses++;
        }
      }
    }
    int n = (int) (wins + losses);
    if (n < MIN_TESTED_GAMES || otherWins + otherLosses < MIN_TESTED_GAMES) {
      return 1;
    }
    // Laplace's rule keeps a rate of 0 or 1 among the others from making any other result
    // impossible.
    double p = (otherWins + 1.0) / (otherWins + otherLosses + 2.0);
    return binomialTwoSided((int) wins, n, p);
  }

  /** P(X as or less likely than k) for X ~ Binomial(n, p). */
  static double binomialTwoSided(int k, int n, double p) {
    double[] log = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      log[i] = logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p);
    }
    double observed = log[k];
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      if (log[i] <= observed + 1e-9) {
        sum += Math.exp(log[i]);
      }
    }
    return Math.min(1, sum);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  private void capShares(Map<String, List<Result>> by, List<LeftOut> leftOut) {
    if (maxShare >= 1) {
      return;
    }
    int total = by.values().stream().mapToInt(List::size).sum();
    Map<String, Integer> allowed = new LinkedHashMap<>();
    for (Map.Entry<String, List<Result>> e : by.entrySet()) {
      int others = total - e.getValue().size();
      // floor with a little slack, so that 0.6 / 0.4 * 4 = 6 does not become 5.999 -> 5
      allowed.put(e.getKey(), (int) Math.floor(maxShare / (1 - maxShare) * others + 1e-9));
    }
    for (Map.Entry<String, List<Result>> e : by.entrySet()) {
      List<Result> results = e.getValue();
      int keep = Math.min(results.size(), allowed.get(e.getKey()));
      if (keep < results.size()) {
        leftOut.add(
            new LeftOut(
                e.getKey(),
                results.size() - keep,
                String.format(
                    Locale.ROOT,
                    "above the %.0f%% share one contributor may have of a candidate's games",
                    maxShare * 100)));
        e.setValue(new ArrayList<>(results.subList(0, keep)));
      }
    }
  }
}
