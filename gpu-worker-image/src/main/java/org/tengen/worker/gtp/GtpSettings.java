package org.tengen.worker.gtp;

/**
 * How the engine plays and analyses.
 *
 * @param maxVisits visits per move at most (fewer when the clock asks for it)
 * @param resignWinrate genmove resigns when the search's winrate for the mover stays below this on
 *     two of its moves in a row, past the opening; 0: never resigns (referees that count the final
 *     margin need every game played out)
 * @param analysisVisits the most visits one analysis (lz-analyze, kata-analyze) searches before it
 *     waits for the next command; bounds memory while a GUI ponders
 * @param seed the search's random seed
 */
public record GtpSettings(int maxVisits, double resignWinrate, int analysisVisits, long seed) {

  public GtpSettings {
    if (maxVisits < 1) {
      throw new IllegalArgumentException("visits per move must be at least 1, not " + maxVisits);
    }
    if (!(resignWinrate >= 0 && resignWinrate < 0.5)) {
      throw new IllegalArgumentException(
          "the resignation winrate must be in [0, 0.5), not " + resignWinrate);
    }
    if (analysisVisits < 1) {
      throw new IllegalArgumentException(
          "analysis visits must be at least 1, not " + analysisVisits);
    }
  }

  /** Plays every game out at {@code maxVisits}: what a refereed match needs. */
  public static GtpSettings playingOut(int maxVisits, long seed) {
    return new GtpSettings(maxVisits, 0, 100_000, seed);
  }
}
