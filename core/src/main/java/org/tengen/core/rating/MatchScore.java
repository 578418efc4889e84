package org.tengen.core.rating;

/** Wins, losses and draws of one player (the candidate) against another (the baseline). */
public record MatchScore(long wins, long losses, long draws) {

  public MatchScore {
    if (wins < 0 || losses < 0 || draws < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: " + wins + "/" + losses + "/" + draws);
    }
  }

  public static final MatchScore NONE = new MatchScore(0, 0, 0);

  public long games() {
    return wins + losses + draws;
  }

  /** The score with one more game: +1 a win, -1 a loss, 0 a draw. */
  public MatchScore plus(int outcome) {
    return switch (Integer.signum(outcome)) {
      case 1 -> new MatchScore(wins + 1, losses, draws);
      case -1 -> new MatchScore(wins, losses + 1, draws);
      default -> new MatchScore(wins, losses, draws + 1);
    };
  }

  /**
   * Counts for the statistics: when every game had the same outcome (or there were none), one
   * pseudo-game split evenly between win, draw and loss is added. This keeps the score strictly
   * between 0 and 1 and the variance above 0, so that Elo and the SPRT stay finite; it vanishes as
   * soon as two outcomes differ.
   */
  double[] regularized() {
    double w = wins, l = losses, d = draws;
    int kinds = (wins > 0 ? 1 : 0) + (losses > 0 ? 1 : 0) + (draws > 0 ? 1 : 0);
    if (kinds <= 1) {
      w += 1.0 / 3;
      l += 1.0 / 3;
      d += 1.0 / 3;
    }
    return new double[] {w, l, d};
  }
}
