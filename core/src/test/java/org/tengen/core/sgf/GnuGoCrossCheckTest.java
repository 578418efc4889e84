package org.tengen.core.sgf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;

/**
 * GNU Go, a real program, reads the SGF files Tengen writes and counts their final positions under
 * Chinese rules to the same result as Tengen's area scoring.
 */
class GnuGoCrossCheckTest {

  private static final Path GNUGO = Path.of("/usr/games/gnugo");

  private static String gtp(Path sgf) throws Exception {
    Process p =
        new ProcessBuilder(GNUGO.toString(), "--mode", "gtp", "--chinese-rules")
            .redirectErrorStream(true)
            .start();
    try (Writer w = p.outputWriter(StandardCharsets.US_ASCII);
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
      w.write("loadsgf " + sgf + "\nfinal_score\nquit\n");
      w.flush();
      StringBuilder all = new StringBuilder();
      String line;
      while ((line = r.readLine()) != null) {
        all.append(line).append('\n');
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gnugo finished");
      String[] answers = all.toString().strip().split("\\n\\s*\\n");
      assertTrue(answers[0].startsWith("="), "loadsgf: " + answers[0]);
      assertTrue(answers[1].startsWith("= "), "final_score: " + answers[1]);
      return answers[1].substring(2).strip();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void gnuGoReadsOurSgfAndCountsTheSameResult(@TempDir Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(GNUGO),
        "GNU Go is not installed (.ci/run installs Debian's gnugo); the SGF round trip and the"
            + " replay of GNU Go's own games cover reading and scoring without it");
    SplittableRandom random = new SplittableRandom(2026);
    int[][] sizes = {{9, 6}, {13, 2}};
    for (int[] s : sizes) {
      for (int i = 0; i < s[1]; i++) {
        Game game = new Game(s[0], Rules.chinese());
        Playout.playOut(game, random, 3 * s[0] * s[0]);
        assumeTrue(game.isOver(), "random game ended");
        Path file = dir.resolve("g" + s[0] + "_" + i + ".sgf");
        Files.writeString(file, SgfWriter.write(SgfGame.of(game)));
        assertEquals(game.result().toString(), gtp(file), file.getFileName().toString());
      }
    }
  }
}
