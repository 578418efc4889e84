package org.tengen.worker.gtp;

import java.util.Locale;
import java.util.stream.Collectors;
import org.tengen.worker.search.MoveInfo;
import org.tengen.worker.search.RootAnalysis;

/**
 * Analysis lines as GUIs read them: Leela Zero's ({@code lz-analyze}: winrate, prior and lcb in
 * hundredths of a percent, as integers) and KataGo's ({@code kata-analyze}: fractions, score lead,
 * utility, optional root info and ownership). Every candidate is an {@code info} entry on one line,
 * its principal variation last. Values are for the player to move.
 */
final class AnalysisFormat {

  /** Leela Zero's format or KataGo's. */
  enum Flavour {
    LEELA_ZERO,
    KATAGO
  }

  private AnalysisFormat() {}

  /**
   * One analysis line.
   *
   * @param rootInfo KataGo only: a {@code rootInfo} entry after the candidates
   * @param ownership KataGo only: the {@code ownership} values last, row by row from the top left
   */
  static String line(
      RootAnalysis a, int size, Flavour flavour, boolean rootInfo, boolean ownership) {
    StringBuilder sb = new StringBuilder();
    int order = 0;
    for (MoveInfo m : a.moves()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("info move ").append(m.move().toGtp(size));
      sb.append(" visits ").append(m.visits());
      if (flavour == Flavour.LEELA_ZERO) {
        sb.append(" winrate ").append(tenThousandths(m.winrate()));
        sb.append(" prior ").append(tenThousandths(m.prior()));
        sb.append(" lcb ").append(tenThousandths(m.lcb()));
      } else {
        sb.append(" edgeVisits ").append(m.visits());
        sb.append(" utility ").append(fraction(m.utility()));
        sb.append(" winrate ").append(fraction(m.winrate()));
        sb.append(" scoreMean ").append(points(m.scoreLead()));
        sb.append(" scoreLead ").append(points(m.scoreLead()));
        sb.append(" prior ").append(fraction(m.prior()));
        sb.append(" lcb ").append(fraction(m.lcb()));
      }
      sb.append(" order ").append(order++);
      sb.append(" pv ")
          .append(m.pv().stream().map(v -> v.toGtp(size)).collect(Collectors.joining(" ")));
    }
    if (flavour == Flavour.KATAGO && rootInfo) {
      sb.append(sb.length() > 0 ? " " : "").append("rootInfo visits ").append(a.visits());
      sb.append(" winrate ").append(fraction(a.winrate()));
      sb.append(" scoreMean ").append(points(a.scoreLead()));
      sb.append(" scoreLead ").append(points(a.scoreLead()));
      sb.append(" utility ").append(fraction(a.utility()));
    }
    if (flavour == Flavour.KATAGO && ownership) {
      sb.append(sb.length() > 0 ? " " : "").append("ownership");
      for (float v : a.ownership()) {
        sb.append(' ').append(fraction(v));
      }
    }
    return sb.toString();
  }

  private static long tenThousandths(double fraction) {
    return Math.round(Math.max(0, Math.min(1, fraction)) * 10_000);
  }

  private static String fraction(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static String points(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
