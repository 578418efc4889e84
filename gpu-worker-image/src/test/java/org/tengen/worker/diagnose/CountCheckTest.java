package org.tengen.worker.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.worker.gtp.GtpProcess;

class CountCheckTest {

  private static final Path GNUGO = Path.of("/usr/games/gnugo");

  /** Two walls, a lone white stone inside black's area, then two passes. */
  private static final String DEAD_INVADER =
      "(;FF[4]GM[1]SZ[7]KM[0.5]RU[chinese]RE[B+20.5]"
          + "AB[ea][eb][ec][ed][ee][ef][eg]AW[fa][fb][fc][fd][fe][ff][fg][bd];B[];W[])";

  @Test
  void aDeadStoneLeftOnTheBoardSplitsTrompTaylorFromTheRefereeButNotTheRulesCount(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(GNUGO),
        "GNU Go is not installed at /usr/games/gnugo (.ci/run installs Debian's gnugo)");
    Path sgf = dir.resolve("game.sgf");
    Files.writeString(sgf, DEAD_INVADER);
    Files.writeString(dir.resolve("resigned.sgf"), "(;FF[4]SZ[7]KM[0.5]RE[W+R];B[dd];W[])");
    try (GtpProcess gnugo =
        new GtpProcess(
            "gnugo",
            List.of(GNUGO.toString(), "--mode", "gtp", "--chinese-rules"),
            dir.resolve("gnugo.log"))) {
      CountCheck.Summary s = CountCheck.check(List.of(sgf, dir.resolve("resigned.sgf")), gnugo);
      assertEquals(1, s.games(), "the resigned game is not counted");
      assertEquals(1, s.rulesAgree());
      assertEquals(0, s.trompTaylorAgree());
      assertEquals(0, s.rulesMeanDifference(), 1e-9);
      assertEquals(29, s.trompTaylorMeanDifference(), 1e-9);
    }
  }

  @Test
  void gtpScoresReadAsBlacksMargin() {
    assertEquals(3.5, CountCheck.blackMargin("B+3.5"));
    assertEquals(-0.5, CountCheck.blackMargin(" W+0.5 "));
    assertEquals(0, CountCheck.blackMargin("0"));
    assertThrows(IllegalArgumentException.class, () -> CountCheck.blackMargin("B+R"));
    assertThrows(IllegalArgumentException.class, () -> CountCheck.blackMargin("X+1"));
  }
}
