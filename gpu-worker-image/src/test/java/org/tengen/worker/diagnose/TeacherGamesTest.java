package org.tengen.worker.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Rules;
import org.tengen.core.shard.TrainingShard;

class TeacherGamesTest {

  private static final Path GNUGO = Path.of("/usr/games/gnugo");

  @Test
  void gnuGosGamesBecomeShardsWhosePolicyTargetsAreItsMoves(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(GNUGO),
        "GNU Go is not installed at /usr/games/gnugo (.ci/run installs Debian's gnugo)");
    TeacherGames.Settings s =
        new TeacherGames.Settings(
            List.of(GNUGO.toString(), "--mode", "gtp", "--level", "0", "--capture-all-dead"),
            3,
            7,
            Rules.chinese(),
            2,
            2,
            1,
            120,
            5);
    TeacherGames.Summary summary = TeacherGames.play(s, dir, dir.resolve("engine.log"), l -> {});
    assertEquals(3, summary.games() + summary.dropped());
    assertEquals(2, summary.shards(), "2 games in the first shard, the rest in the second");
    long rows = 0;
    int targets = 0;
    for (int i = 0; i < 2; i++) {
      TrainingShard shard =
          TrainingShard.fromNpz(Files.readAllBytes(dir.resolve("games_0000" + i + ".npz")));
      rows += shard.rows();
      int width = 7 * 7 + 1;
      for (int r = 0; r < shard.rows(); r++) {
        float sum = 0;
        float max = 0;
        for (int j = 0; j < width; j++) {
          sum += shard.policy()[r * width + j];
          max = Math.max(max, shard.policy()[r * width + j]);
        }
        assertEquals(1f, sum, 1e-6);
        assertEquals(1f, max, 1e-6, "the engine's move, one-hot");
        targets += shard.policyWeight()[r] > 0 ? 1 : 0;
      }
    }
    assertEquals(summary.positions(), rows);
    assertTrue(targets > rows / 2, "the engine's own moves are targets: " + targets + "/" + rows);
  }

  @Test
  void settingsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TeacherGames.Settings(List.of("x"), 0, 9, Rules.chinese(), 4, 50, 1, 200, 1));
  }
}
