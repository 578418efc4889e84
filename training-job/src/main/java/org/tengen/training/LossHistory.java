package org.tengen.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The losses over the job, for the checkpoint, a CSV and the loss-curve plot (SVG). */
public final class LossHistory {

  /** One point: the step, the kind (train or heldout) and the four terms. */
  public record Point(
      long step, boolean heldOut, float policy, float value, float score, float ownership) {
    float total() {
      return policy + value + score + ownership;
    }
  }

  private final List<Point> points = new ArrayList<>();

  public void add(Point p) {
    points.add(p);
  }

  public List<Point> points() {
    return List.copyOf(points);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(points.size());
    for (Point p : points) {
      out.writeLong(p.step());
      out.writeBoolean(p.heldOut());
      out.writeFloat(p.policy());
      out.writeFloat(p.value());
      out.writeFloat(p.score());
      out.writeFloat(p.ownership());
    }
  }

  void read(DataInputStream in) throws IOException {
    points.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      points.add(
          new Point(
              in.readLong(),
              in.readBoolean(),
              in.readFloat(),
              in.readFloat(),
              in.readFloat(),
              in.readFloat()));
    }
  }

  public void writeCsv(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("step,set,policy,value,score,ownership,total\n");
    for (Point p : points) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%.6f,%.6f,%.6f,%.6f,%.6f%n",
              p.step(),
              p.heldOut() ? "heldout" : "train",
              p.policy(),
              p.value(),
              p.score(),
              p.ownership(),
              p.total()));
    }
    Files.writeString(file, sb);
  }

  /** A plot of each term against the step: solid lines for training, dashed for held-out. */
  public void writeSvg(Path file, String title) throws IOException {
    int w = 760;
    int h = 420;
    int left = 60;
    int right = 150;
    int top = 40;
    int bottom = 50;
    long maxStep = Math.max(1, points.stream().mapToLong(Point::step).max().orElse(1));
    double maxLoss = 1e-6;
    for (Point p : points) {
      maxLoss = Math.max(maxLoss, p.total());
    }
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            w,
            h));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n",
            left,
            escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\"/>%n",
            left,
            top,
            plotW,
            plotH));
    for (int t = 0; t <= 4; t++) {
      double v = maxLoss * t / 4;
      double y = top + plotH - plotH * t / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
              left - 6,
              y + 4,
              v));
      long step = maxStep * t / 4;
      double x = left + plotW * t / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
              x,
              h - bottom + 18,
              step));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">training step</text>%n",
            left + plotW / 2,
            h - 10));
    String[] names = {"total", "policy", "value", "score", "ownership"};
    String[] colors = {"#000000", "#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    for (int k = 0; k < names.length; k++) {
      for (boolean held : new boolean[] {false, true}) {
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
          if (p.heldOut() != held) {
            continue;
          }
          double v =
              switch (k) {
                case 0 -> p.total();
                case 1 -> p.policy();
                case 2 -> p.value();
                case 3 -> p.score();
                default -> p.ownership();
              };
          double x = left + plotW * p.step() / maxStep;
          double y = top + plotH - plotH * v / maxLoss;
          path.append(path.length() == 0 ? "M" : " L")
              .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        if (path.length() > 0) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>%n",
                  path,
                  colors[k],
                  held ? " stroke-dasharray=\"5 3\"" : ""));
        }
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
              w - right + 12,
              top + 16 + 18 * k,
              colors[k],
              names[k]));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" fill=\"#555\">solid: train</text>%n<text x=\"%d\" y=\"%d\" fill=\"#555\">dashed: held-out</text>%n",
            w - right + 12,
            top + 120,
            w - right + 12,
            top + 138));
    svg.append("</svg>\n");
    Files.writeString(file, svg);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
