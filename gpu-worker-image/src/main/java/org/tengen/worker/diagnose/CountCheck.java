package org.tengen.worker.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Game;
import org.tengen.core.go.Scoring;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfReader;
import org.tengen.worker.gtp.GtpProcess;

/**
 * A diagnostic of the value targets: how often the count that decides a self-play game (the run's
 * rules, as {@link Game#score} counts them) names the same winner as another engine's count of the
 * same final position (GNU Go's {@code final_score}, with its own dead stones), and how far the two
 * margins lie apart. Tromp-Taylor's count (every stone as it stands) is reported beside it, to show
 * what dead stones left on the board do. Resigned games and games not ended by passes are skipped.
 */
public final class CountCheck {

  /** Games compared, and per count the games whose winner agrees with the referee's. */
  public record Summary(
      int games,
      int rulesAgree,
      int trompTaylorAgree,
      double rulesMeanDifference,
      double trompTaylorMeanDifference) {}

  private CountCheck() {}

  public static Summary check(List<Path> sgfFiles, GtpProcess referee) throws IOException {
    int games = 0;
    int rulesAgree = 0;
    int ttAgree = 0;
    double rulesDiff = 0;
    double ttDiff = 0;
    for (Path file : sgfFiles) {
      SgfGame sgf = SgfReader.parse(Files.readString(file));
      String result = sgf.result();
      if (result == null || result.toUpperCase(java.util.Locale.ROOT).contains("+R")) {
        continue;
      }
      Game game = sgf.replay();
      if (!game.isOver() || game.isResigned()) {
        continue;
      }
      double rules = game.score().blackMargin();
      double tromp =
          AreaScore.count(game.board(), Scoring.TROMP_TAYLOR, game.rules().komi()).blackMargin();
      referee.send("loadsgf " + file.toAbsolutePath());
      double reference = blackMargin(referee.send("final_score"));
      games++;
      rulesAgree += Math.signum(rules) == Math.signum(reference) ? 1 : 0;
      ttAgree += Math.signum(tromp) == Math.signum(reference) ? 1 : 0;
      rulesDiff += Math.abs(rules - reference);
      ttDiff += Math.abs(tromp - reference);
    }
    return new Summary(
        games,
        rulesAgree,
        ttAgree,
        games == 0 ? 0 : rulesDiff / games,
        games == 0 ? 0 : ttDiff / games);
  }

  /** "B+3.5", "W+0.5" or "0" as black's margin. */
  static double blackMargin(String score) {
    String s = score.strip();
    if (s.equals("0")) {
      return 0;
    }
    if (s.length() < 3 || s.charAt(1) != '+' || "BW".indexOf(s.charAt(0)) < 0) {
      throw new IllegalArgumentException("not a GTP score: '" + score + "'");
    }
    double margin = Double.parseDouble(s.substring(2));
    return s.charAt(0) == 'B' ? margin : -margin;
  }
}
