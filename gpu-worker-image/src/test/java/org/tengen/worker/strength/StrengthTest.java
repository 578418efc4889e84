package org.tengen.worker.strength;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.network.NetworkName;
import org.tengen.core.rating.MatchScore;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;
import org.tengen.worker.cli.WorkerCliAccess;

class StrengthTest {

  private static final Path GNUGO = Path.of("/usr/games/gnugo");

  private static void assumeGnuGo() {
    Assumptions.assumeTrue(
        Files.isExecutable(GNUGO),
        "GNU Go is not installed at /usr/games/gnugo (.ci/run installs Debian's gnugo)");
  }

  @Test
  void gtpScoresAreReadAsBlacksMargin() {
    assertEquals(3.5, Strength.margin("B+3.5"));
    assertEquals(-12, Strength.margin("W+12"));
    assertEquals(0, Strength.margin("0"));
    assertThrows(IllegalArgumentException.class, () -> Strength.margin("B+R"));
    assertThrows(IllegalArgumentException.class, () -> Strength.margin("black wins"));
  }

  private static Strength.ReferenceScore ref(int wins, int losses, double margin) {
    return new Strength.ReferenceScore(new MatchScore(wins, losses, 0), margin);
  }

  @Test
  void theReportHasARowAndAPointPerNetwork(@TempDir Path dir) throws Exception {
    List<Strength.Row> rows =
        List.of(
            Strength.row("r-b1c8-s0-d0", 0, null, ref(0, 10, -60.5)),
            Strength.row("r-b1c8-s100-d10", 100, new MatchScore(8, 2, 0), ref(1, 9, -20)),
            Strength.row("r-b1c8-s200-d20", 200, new MatchScore(9, 1, 0), ref(3, 7, -4.25)));
    StrengthReport.write(dir, rows, "GNU Go level 1", "three networks");
    List<String> csv = Files.readAllLines(dir.resolve("strength.csv"));
    assertEquals(4, csv.size());
    assertTrue(csv.get(1).startsWith("r-b1c8-s0-d0,0,,,,,,,0,10,0,"), csv.get(1));
    assertTrue(csv.get(2).startsWith("r-b1c8-s100-d10,100,8,2,0,240.8,"), csv.get(2));
    assertTrue(csv.get(3).endsWith(",-4.3,") || csv.get(3).endsWith(",-4.2,"), csv.get(3));
    String md = Files.readString(dir.resolve("strength.md"));
    assertTrue(md.contains("| `r-b1c8-s200-d20` | 9/1/0 | +382 ("), md);
    assertTrue(md.contains("| -60.5 |"), md);
    String svg = Files.readString(dir.resolve("strength.svg"));
    assertEquals(3, svg.split("class=\"vs-first\"", -1).length - 1);
    assertEquals(3, svg.split("class=\"vs-reference\"", -1).length - 1);
    assertTrue(svg.contains("s100-d10"));
  }

  @Test
  void aTimedReportPlotsAgainstTheRunsClockWithTheMarginBelow(@TempDir Path dir) throws Exception {
    List<Strength.Row> rows =
        List.of(
            Strength.row("r-b1c8-s0-d0", 0, null, ref(0, 10, -81)).withMinutes(0.0),
            Strength.row("r-b1c8-s100-d10", 100, new MatchScore(8, 2, 0), ref(0, 10, -40))
                .withMinutes(30.0),
            Strength.row("r-b1c8-s200-d20", 200, new MatchScore(9, 1, 0), ref(3, 7, -4.25))
                .withMinutes(125.0));
    StrengthReport.write(dir, rows, "GNU Go level 1", "timed");
    List<String> csv = Files.readAllLines(dir.resolve("strength.csv"));
    assertTrue(csv.get(0).endsWith(",mean_margin_vs_reference,minutes"), csv.get(0));
    assertTrue(csv.get(3).endsWith(",125.0"), csv.get(3));
    String md = Files.readString(dir.resolve("strength.md"));
    assertTrue(md.contains("| 2:05 | `r-b1c8-s200-d20` |"), md);
    assertTrue(md.contains("| 0:30 | `r-b1c8-s100-d10` |"), md);
    String svg = Files.readString(dir.resolve("strength.svg"));
    assertEquals(3, svg.split("class=\"margin\"", -1).length - 1);
    assertTrue(svg.contains("wall-clock time"), svg);
    // On the time axis the 30-minute network sits a quarter of the way, not half-way.
    double x0 = cx(svg, "vs-reference", 0);
    double x1 = cx(svg, "vs-reference", 1);
    double x2 = cx(svg, "vs-reference", 2);
    assertEquals(30.0 / 125.0, (x1 - x0) / (x2 - x0), 0.01);
    // An untimed report has no time column.
    StrengthReport.write(
        dir, List.of(rows.get(0), Strength.row("x-b1c8-s1-d1", 1, null, ref(0, 1, 0))), "G", "x");
    assertTrue(Files.readString(dir.resolve("strength.md")).contains("| network |"));
  }

  /** The x of the {@code n}th circle of class {@code kind} in the SVG. */
  private static double cx(String svg, String kind, int n) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("class=\"" + kind + "\" cx=\"([0-9.]+)\"").matcher(svg);
    for (int i = 0; i <= n; i++) {
      assertTrue(m.find(), "circle " + i + " of " + kind);
    }
    return Double.parseDouble(m.group(1));
  }

  @Test
  void anEngineIsPlacedAgainstTheReference(@TempDir Path dir) throws Exception {
    assumeGnuGo();
    Path out = dir.resolve("engines");
    int code =
        WorkerCliAccess.run(
            System.err,
            "strength",
            "--engine",
            GNUGO + " --mode gtp --level 0 --chinese-rules",
            "--engine-name",
            "GNU Go level 0",
            "--reference",
            GNUGO + " --mode gtp --level 0 --chinese-rules",
            "--reference-name",
            "GNU Go level 0 too",
            "--games",
            "2",
            "--in-flight",
            "2",
            "--out",
            out.toString());
    assertEquals(0, code);
    List<String> csv = Files.readAllLines(out.resolve("strength.csv"));
    assertEquals(2, csv.size(), csv.toString());
    String[] cells = csv.get(1).split(",", -1);
    assertEquals("GNU Go level 0", cells[0]);
    assertEquals(
        2, Integer.parseInt(cells[8]) + Integer.parseInt(cells[9]) + Integer.parseInt(cells[10]));
  }

  @Test
  void networksAndAnEngineAreNotMeasuredTogether(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WorkerCliAccess.run(
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "strength",
            "--reference",
            "/bin/sh",
            "--engine",
            "/bin/sh",
            dir.resolve("r-b1c8-s0-d0.bin.gz").toString());
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("one of the two"), err.toString());
  }

  @Test
  void aMissingReferenceEngineIsNamed(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("r-b1c8-s0-d0.bin.gz");
    try (Network net = Network.initial(NetworkName.parse("r-b1c8-s0-d0"), 1, Device.cpu())) {
      NetworkFile.save(net, first);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WorkerCliAccess.run(
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "strength",
            "--reference",
            "/nonexistent/gnugo --mode gtp",
            first.toString());
    assertEquals(1, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("'/nonexistent/gnugo'"), err.toString());
  }

  @Test
  void anIllegalMoveLosesByForfeitAndTheGameIsKept(@TempDir Path dir) throws Exception {
    // A reference that answers every genmove with A1: its second A1 is on a stone.
    Path engine = fakeEngine(dir.resolve("a1-forever.sh"), "printf '= A1\\n\\n'");
    Path out = dir.resolve("report");
    String log = twoGamesAgainst(engine, "A1 forever", dir, out);
    String[] cells = Files.readAllLines(out.resolve("strength.csv")).get(1).split(",", -1);
    assertEquals("2", cells[8], "both games won by the reference's forfeit: " + log);
    assertTrue(log.contains("A1 forever's move W A1 was refused"), log);
    assertTrue(log.contains("A1 forever loses by forfeit"), log);
    String black = Files.readString(out.resolve("games/r-b1c8-s0-d0-001-black.sgf"));
    assertTrue(black.contains("RE[B+F]"), black);
    String white = Files.readString(out.resolve("games/r-b1c8-s0-d0-002-white.sgf"));
    assertTrue(white.contains("RE[W+F]"), white);
  }

  @Test
  void aReferenceThatDiesIsStartedAgainAndTheGamePlayedAgain(@TempDir Path dir) throws Exception {
    // Dies at its first genmove unless its seed is a replay's; then it resigns at once.
    Path engine =
        fakeEngine(
            dir.resolve("dies-once.sh"),
            "if [ \"$2\" -lt 100000 ]; then exit 3; fi; printf '= resign\\n\\n'");
    Path out = dir.resolve("report");
    String log = twoGamesAgainst(engine, "Fragile", dir, out);
    assertTrue(log.contains("game 1 of r-b1c8-s0-d0 against Fragile failed"), log);
    assertTrue(log.contains("played again with a new Fragile process"), log);
    String[] cells = Files.readAllLines(out.resolve("strength.csv")).get(1).split(",", -1);
    assertEquals("2", cells[8], "both replayed games won by the reference's resignation: " + log);
  }

  @Test
  void networksArePlayedAgainstTheFirstAndAgainstGnuGo(@TempDir Path dir) throws Exception {
    assumeGnuGo();
    Path first = dir.resolve("r-b1c8-s0-d0.bin.gz");
    Path second = dir.resolve("r-b1c8-s100-d10.bin.gz");
    try (Network a = Network.initial(NetworkName.parse("r-b1c8-s0-d0"), 1, Device.cpu());
        Network b = Network.random(NetworkName.parse("r-b1c8-s100-d10"), 2, Device.cpu())) {
      NetworkFile.save(a, first);
      NetworkFile.save(b, second);
    }
    Path out = dir.resolve("report");
    int code =
        WorkerCliAccess.run(
            System.err,
            "strength",
            "--games",
            "2",
            "--visits",
            "4",
            "--in-flight",
            "2",
            "--device",
            "cpu",
            "--out",
            out.toString(),
            first.toString(),
            second.toString());
    assertEquals(0, code);
    List<String> csv = Files.readAllLines(out.resolve("strength.csv"));
    assertEquals(3, csv.size(), csv.toString());
    for (String line : csv.subList(1, 3)) {
      String[] cells = line.split(",", -1);
      // Two games against GNU Go: wins + losses + draws = 2.
      assertEquals(
          2, Integer.parseInt(cells[8]) + Integer.parseInt(cells[9]) + Integer.parseInt(cells[10]));
    }
    // Each game against GNU Go kept as GNU Go writes it, readable by Tengen's SGF reader.
    for (String net : List.of("r-b1c8-s0-d0", "r-b1c8-s100-d10")) {
      for (String game : List.of("001-black", "002-white")) {
        Path sgf = out.resolve("games").resolve(net + "-" + game + ".sgf");
        assertTrue(Files.isRegularFile(sgf), sgf + " written");
        org.tengen.core.sgf.SgfGame parsed =
            org.tengen.core.sgf.SgfReader.parse(Files.readString(sgf));
        assertEquals(9, parsed.boardSize(), sgf.toString());
        assertFalse(parsed.moves().isEmpty(), sgf.toString());
        assertTrue(parsed.result().matches("[BW]\\+([0-9.]+|R)|0"), parsed.result());
      }
    }
    String[] second2 = csv.get(2).split(",", -1);
    assertEquals(
        2,
        Integer.parseInt(second2[2]) + Integer.parseInt(second2[3]) + Integer.parseInt(second2[4]));
  }

  /**
   * A fresh b1c8 network's two games at 4 visits against the reference engine {@code engine}, named
   * {@code name}, reported to {@code out}: the progress lines it printed (the command succeeded).
   */
  private static String twoGamesAgainst(Path engine, String name, Path dir, Path out)
      throws Exception {
    Path first = dir.resolve("r-b1c8-s0-d0.bin.gz");
    try (Network net = Network.initial(NetworkName.parse("r-b1c8-s0-d0"), 1, Device.cpu())) {
      NetworkFile.save(net, first);
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int code;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // the progress lines
    try {
      code =
          WorkerCliAccess.run(
              stdout,
              "strength",
              "--reference",
              "/bin/bash " + engine,
              "--reference-name",
              name,
              "--games",
              "2",
              "--visits",
              "4",
              "--in-flight",
              "1",
              "--device",
              "cpu",
              "--out",
              out.toString(),
              first.toString());
    } finally {
      System.setOut(stdout);
    }
    String log = printed.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, log);
    return log;
  }

  /**
   * A GTP engine as a shell script at {@code file} (run as {@code /bin/bash file --seed N}): every
   * command answered with an empty success, {@code quit} ending it, and {@code genmove} handled by
   * {@code genmove}, a shell command.
   */
  private static Path fakeEngine(Path file, String genmove) throws Exception {
    Files.writeString(
        file,
        String.join(
            "\n",
            "while read -r line; do",
            "  case \"$line\" in",
            "    genmove*) " + genmove + " ;;",
            "    quit*) printf '=\\n\\n'; exit 0 ;;",
            "    *) printf '=\\n\\n' ;;",
            "  esac",
            "done",
            ""));
    return file;
  }
}
