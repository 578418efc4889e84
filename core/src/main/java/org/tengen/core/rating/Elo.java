package org.tengen.core.rating;

/**
 * Elo differences from match results, as the seed computes them: with score {@code p = (wins +
 * draws / 2) / games}, {@code elo = 400 · log10(p / (1 - p))}. A record of all wins or all losses
 * would give infinities; {@link MatchScore#regularized()} keeps every figure finite, and interval
 * ends are clamped to scores in [0.001, 0.999] (±1200 Elo).
 */
public final class Elo {

  /** Two-sided 95% normal quantile. */
  static final double Z95 = 1.959963984540054;

  private static final double MIN_SCORE = 0.001;

  private Elo() {}

  /** The Elo difference of an expected score strictly between 0 and 1. */
  public static double fromScore(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("score " + p + " is not strictly between 0 and 1");
    }
    return 400 * Math.log10(p / (1 - p));
  }

  /** The expected score of a player this many Elo stronger: 1 / (1 + 10^(-elo/400)). */
  public static double expectedScore(double elo) {
    return 1 / (1 + Math.pow(10, -elo / 400));
  }

  /** The Elo estimate and its 95% confidence interval from a match score. */
  public static EloEstimate estimate(MatchScore score) {
    double[] wld = score.regularized();
    double n = wld[0] + wld[1] + wld[2];
    double p = (wld[0] + wld[2] / 2) / n;
    double variance = (wld[0] * sq(1 - p) + wld[1] * sq(p) + wld[2] * sq(0.5 - p)) / n;
    double halfWidth = Z95 * Math.sqrt(variance / n);
    double lower = clamp(p - halfWidth);
    double upper = clamp(p + halfWidth);
    return new EloEstimate(fromScore(p), fromScore(lower), fromScore(upper), score.games());
  }

  private static double clamp(double p) {
    return Math.max(MIN_SCORE, Math.min(1 - MIN_SCORE, p));
  }

  static double sq(double x) {
    return x * x;
  }
}
