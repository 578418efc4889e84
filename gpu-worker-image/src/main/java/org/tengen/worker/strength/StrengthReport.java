package org.tengen.worker.strength;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tengen.core.rating.EloEstimate;
import org.tengen.core.rating.MatchScore;

/** The strength table as CSV and Markdown, and the Elo plot as SVG. */
public final class StrengthReport {

  private StrengthReport() {}

  /** Writes strength.csv, strength.md and strength.svg into the folder. */
  public static void write(Path dir, List<Strength.Row> rows, String referenceName, String about)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("strength.csv"), csv(rows));
    Files.writeString(dir.resolve("strength.md"), markdown(rows, referenceName, about));
    Files.writeString(dir.resolve("strength.svg"), svg(rows, referenceName));
  }

  static String csv(List<Strength.Row> rows) {
    StringBuilder b =
        new StringBuilder(
            "network,samples,wins_vs_first,losses_vs_first,draws_vs_first,elo_vs_first,"
                + "elo_vs_first_lower,elo_vs_first_upper,wins_vs_reference,losses_vs_reference,"
                + "draws_vs_reference,elo_vs_reference,elo_vs_reference_lower,"
                + "elo_vs_reference_upper,mean_margin_vs_reference,minutes\n");
    for (Strength.Row r : rows) {
      b.append(r.network()).append(',').append(r.samples()).append(',');
      b.append(cells(r.vsFirst(), r.eloVsFirst())).append(',');
      b.append(cells(r.vsReference(), r.eloVsReference()))
          .append(String.format(Locale.ROOT, ",%.1f,", r.meanMargin()))
          .append(r.minutes() == null ? "" : String.format(Locale.ROOT, "%.1f", r.minutes()))
          .append('\n');
    }
    return b.toString();
  }

  private static String cells(MatchScore s, EloEstimate e) {
    if (s == null) {
      return ",,,,,";
    }
    return String.format(
        Locale.ROOT,
        "%d,%d,%d,%.1f,%.1f,%.1f",
        s.wins(),
        s.losses(),
        s.draws(),
        e.elo(),
        e.lower(),
        e.upper());
  }

  public static String markdown(List<Strength.Row> rows, String referenceName, String about) {
    boolean timed = timed(rows);
    StringBuilder b = new StringBuilder();
    b.append(about).append("\n\n");
    b.append(timed ? "| run time | " : "| ")
        .append("network | W/L/D vs first | Elo vs first (95%) | W/L/D vs ")
        .append(referenceName)
        .append(" | Elo vs ")
        .append(referenceName)
        .append(" (95%) | mean margin (points) |\n");
    b.append(timed ? "|---:" : "").append("|---|---:|---:|---:|---:|---:|\n");
    for (Strength.Row r : rows) {
      if (timed) {
        b.append("| ").append(clock(r.minutes())).append(' ');
      }
      b.append("| `").append(r.network()).append("` | ");
      b.append(r.vsFirst() == null ? "(the first)" : wld(r.vsFirst())).append(" | ");
      b.append(r.vsFirst() == null ? "0" : elo(r.eloVsFirst())).append(" | ");
      b.append(wld(r.vsReference())).append(" | ");
      b.append(elo(r.eloVsReference())).append(" | ");
      b.append(String.format(Locale.ROOT, "%+.1f", r.meanMargin())).append(" |\n");
    }
    return b.toString();
  }

  /** Whether every row knows when the run made its network. */
  static boolean timed(List<Strength.Row> rows) {
    return !rows.isEmpty() && rows.stream().allMatch(r -> r.minutes() != null);
  }

  /** Minutes as {@code h:mm}. */
  static String clock(double minutes) {
    long m = Math.round(minutes);
    return String.format(Locale.ROOT, "%d:%02d", m / 60, m % 60);
  }

  private static String wld(MatchScore s) {
    return s.wins() + "/" + s.losses() + "/" + s.draws();
  }

  /** An Elo estimate as {@code +35 (-73 .. +151)}. */
  public static String elo(EloEstimate e) {
    return String.format(Locale.ROOT, "%+.0f (%+.0f .. %+.0f)", e.elo(), e.lower(), e.upper());
  }

  /** Elo per network in order, both series with their intervals. */
  static String svg(List<Strength.Row> rows, String referenceName) {
    int w = 720;
    int h = 360;
    int marginPanel = 200;
    int left = 60;
    int right = 20;
    int top = 30;
    int bottom = 90;
    double lo = 0;
    double hi = 0;
    for (Strength.Row r : rows) {
      for (EloEstimate e : new EloEstimate[] {r.eloVsFirst(), r.eloVsReference()}) {
        if (e != null) {
          lo = Math.min(lo, e.lower());
          hi = Math.max(hi, e.upper());
        }
      }
    }
    double step = niceStep((hi - lo) / 5);
    lo = Math.floor(lo / step) * step;
    hi = Math.max(lo + step, Math.ceil(hi / step) * step);
    double yLo = lo;
    double ySpan = hi - lo;
    java.util.function.DoubleUnaryOperator y =
        v -> top + (h - top - bottom) * (1 - (v - yLo) / ySpan);
    double width = w - left - right - 40;
    boolean timed = timed(rows);
    double lastMinute =
        timed ? Math.max(1, rows.stream().mapToDouble(Strength.Row::minutes).max().orElse(1)) : 1;
    double dx = rows.size() <= 1 ? 0 : width / (rows.size() - 1);
    java.util.function.IntToDoubleFunction x =
        timed
            ? i -> left + 20 + width * rows.get(i).minutes() / lastMinute
            : i -> left + 20 + i * dx;

    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
                + " font-size=\"11\">\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n",
            w,
            h + marginPanel,
            w,
            h + marginPanel));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"13\">Elo of each network (95%% intervals):"
                + " <tspan fill=\"#1f6feb\">vs the run's first network</tspan>,"
                + " <tspan fill=\"#d9480f\">vs %s</tspan></text>\n",
            left,
            escape(referenceName)));
    grid(b, lo, hi, step, y, left, w - right, "%.0f");
    for (int i = 0; i < rows.size(); i++) {
      b.append(
          String.format(
              Locale.ROOT,
              "<text transform=\"translate(%.1f,%d) rotate(-35)\" text-anchor=\"end\">%s</text>\n",
              x.applyAsDouble(i),
              h - bottom + 14,
              escape(
                  (timed ? clock(rows.get(i).minutes()) + " " : "")
                      + shortName(rows.get(i).network()))));
    }
    if (timed) {
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">the run's wall-clock time (h:mm)"
                  + " when it made the network</text>\n",
              w - right,
              h - 6));
    }
    series(b, rows, true, "#1f6feb", x, y, -3);
    series(b, rows, false, "#d9480f", x, y, 3);
    margins(b, rows, referenceName, x, left, w - right, h + 10, h + marginPanel - 20);
    b.append("</svg>\n");
    return b.toString();
  }

  private static void series(
      StringBuilder b,
      List<Strength.Row> rows,
      boolean vsFirst,
      String colour,
      java.util.function.IntToDoubleFunction x,
      java.util.function.DoubleUnaryOperator y,
      double shift) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      Strength.Row r = rows.get(i);
      double cx = x.applyAsDouble(i) + shift;
      double elo;
      double lower;
      double upper;
      if (vsFirst && r.eloVsFirst() == null) {
        elo = 0;
        lower = 0;
        upper = 0;
      } else {
        EloEstimate e = vsFirst ? r.eloVsFirst() : r.eloVsReference();
        elo = e.elo();
        lower = e.lower();
        upper = e.upper();
      }
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, y.applyAsDouble(elo)));
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" opacity=\"0.6\"/>"
                  + "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
              cx,
              cx,
              y.applyAsDouble(lower),
              y.applyAsDouble(upper),
              colour,
              vsFirst ? "vs-first" : "vs-reference",
              cx,
              y.applyAsDouble(elo),
              colour));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>\n",
            colour,
            line.toString().strip()));
  }

  /**
   * Horizontal grid lines from {@code lo} to {@code hi} every {@code step}, each labelled at the
   * left with {@code label} (a format of the value); the zero line darker.
   */
  private static void grid(
      StringBuilder b,
      double lo,
      double hi,
      double step,
      java.util.function.DoubleUnaryOperator y,
      int left,
      int right,
      String label) {
    for (double v = lo; v <= hi + step / 2; v += step) {
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
                  + label
                  + "</text>\n",
              left,
              right,
              y.applyAsDouble(v),
              y.applyAsDouble(v),
              Math.abs(v) < 1e-9 ? "#888" : "#e5e5e5",
              left - 6,
              y.applyAsDouble(v) + 4,
              v));
    }
  }

  /**
   * The mean final margin against the reference per network, between {@code top} and {@code
   * bottom}: it moves while every game is still lost.
   */
  private static void margins(
      StringBuilder b,
      List<Strength.Row> rows,
      String referenceName,
      java.util.function.IntToDoubleFunction x,
      int left,
      int right,
      int top,
      int bottom) {
    double lo = Math.min(-10, rows.stream().mapToDouble(Strength.Row::meanMargin).min().orElse(0));
    double hi = Math.max(10, rows.stream().mapToDouble(Strength.Row::meanMargin).max().orElse(0));
    double step = niceStep((hi - lo) / 4);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    double yLo = lo;
    double ySpan = hi - lo;
    java.util.function.DoubleUnaryOperator y =
        v -> top + 20 + (bottom - top - 20) * (1 - (v - yLo) / ySpan);
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"13\">Mean final margin against %s, points"
                + "</text>\n",
            left,
            top + 10,
            escape(referenceName)));
    grid(b, lo, hi, step, y, left, right, "%+.0f");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      double cx = x.applyAsDouble(i);
      double cy = y.applyAsDouble(rows.get(i).meanMargin());
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, cy));
      b.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"margin\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#2b8a3e\"/>\n",
              cx,
              cy));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"#2b8a3e\" stroke-width=\"1.5\" points=\"%s\"/>\n",
            line.toString().strip()));
  }

  /** {@code run-b2c32-s1000-d20} → {@code s1000-d20}: the part that changes along a run. */
  static String shortName(String network) {
    int s = network.lastIndexOf("-s");
    return s < 0 ? network : network.substring(s + 1);
  }

  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 100;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
