package org.tengen.core.rating;

/**
 * A sequential probability ratio test between H0: the candidate is {@code elo0} stronger and H1: it
 * is {@code elo1} stronger, with error rates {@code alpha} (accepting H1 when H0 holds) and {@code
 * beta}. The log-likelihood ratio is the generalized SPRT's normal approximation for win/draw/loss
 * results: with expected scores μ0, μ1 of the two hypotheses, the sample mean score μ̂ and variance
 * σ̂² per game over N games,
 *
 * <pre>LLR = N · (μ1 - μ0) · (2μ̂ - μ0 - μ1) / (2σ̂²)</pre>
 *
 * and the test stops when LLR leaves (ln(β / (1 - α)), ln((1 - β) / α)).
 */
public record Sprt(double elo0, double elo1, double alpha, double beta) {

  /** What the test says after the games so far. */
  public enum Decision {
    /** H1 holds: release the candidate. */
    ACCEPT,
    /** H0 holds: reject the candidate. */
    REJECT,
    /** Play more games. */
    CONTINUE
  }

  /** The state of a test: the LLR and its bounds, and the decision they give. */
  public record State(double llr, double lowerBound, double upperBound, Decision decision) {}

  public Sprt {
    if (!(elo1 > elo0)) {
      throw new IllegalArgumentException("elo1 " + elo1 + " must exceed elo0 " + elo0);
    }
    if (!(alpha > 0 && alpha < 0.5) || !(beta > 0 && beta < 0.5)) {
      throw new IllegalArgumentException("alpha and beta must lie in (0, 0.5)");
    }
  }

  /** ln(β / (1 - α)): at or below it, H0 is accepted. */
  public double lowerBound() {
    return Math.log(beta / (1 - alpha));
  }

  /** ln((1 - β) / α): at or above it, H1 is accepted. */
  public double upperBound() {
    return Math.log((1 - beta) / alpha);
  }

  /** The log-likelihood ratio of H1 against H0 after these games (0 before any). */
  public double llr(MatchScore score) {
    if (score.games() == 0) {
      return 0;
    }
    double[] wld = score.regularized();
    double n = wld[0] + wld[1] + wld[2];
    double mean = (wld[0] + wld[2] / 2) / n;
    double variance =
        (wld[0] * Elo.sq(1 - mean) + wld[1] * Elo.sq(mean) + wld[2] * Elo.sq(0.5 - mean)) / n;
    double mu0 = Elo.expectedScore(elo0);
    double mu1 = Elo.expectedScore(elo1);
    return n * (mu1 - mu0) * (2 * mean - mu0 - mu1) / (2 * variance);
  }

  public State state(MatchScore score) {
    double llr = llr(score);
    Decision decision =
        llr >= upperBound()
            ? Decision.ACCEPT
            : llr <= lowerBound() ? Decision.REJECT : Decision.CONTINUE;
    return new State(llr, lowerBound(), upperBound(), decision);
  }

  public Decision decide(MatchScore score) {
    return state(score).decision();
  }
}
