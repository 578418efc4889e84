package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Symmetry;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * The opponent-policy target is the next position's policy target, seen through the row's own
 * symmetry, weighted as that target is, and absent at a game's end; training moves the head only
 * when its term has a weight.
 */
class OpponentTargetTest {

  @Test
  void theTargetIsTheNextPositionsPolicyUnderTheSameSymmetry() throws Exception {
    TrainingShard shard = TrainingShard.fromNpz(SelfPlayShards.get().get(0));
    List<ShardData.Shard> shards = List.of(new ShardData.Shard("games_00001.npz", shard));
    int size = shard.boardSize();
    int s2 = size * size;
    int checkedInside = 0;
    int checkedEnds = 0;
    for (int row = 0; row < shard.rows(); row++) {
      boolean last =
          row + 1 == shard.rows() || shard.gameIndex()[row + 1] != shard.gameIndex()[row];
      Batches.Batch one = new Batches.Batch(size, new int[] {0}, new int[] {row});
      Symmetry sym = Symmetry.values()[row % 8];
      EncodedBatch b = EncodedBatch.of(one, shards, new Symmetry[] {sym});
      if (last) {
        assertEquals(0, b.opponentWeight()[0], "a game's last position has no reply");
        checkedEnds++;
        continue;
      }
      int[] map = sym.indexMap(size);
      for (int p = 0; p < s2; p++) {
        assertEquals(shard.policy()[(row + 1) * (s2 + 1) + p], b.opponentPolicy()[map[p]]);
      }
      assertEquals(shard.policy()[(row + 1) * (s2 + 1) + s2], b.opponentPolicy()[s2]);
      assertEquals(shard.policyWeight()[row + 1], b.opponentWeight()[0]);
      checkedInside++;
    }
    assertTrue(checkedEnds >= 1 && checkedInside > 10, checkedEnds + " ends, " + checkedInside);
  }

  private static Map<String, String> hyper(String opponentWeight) {
    Map<String, String> h = new HashMap<>();
    h.put("run", "t");
    h.put("architecture", "b1c16");
    h.put("steps", "15");
    h.put("batch_size", "32");
    h.put("learning_rate", "0.002");
    h.put("holdout_percent", "0");
    h.put("checkpoint_every", "1000");
    h.put("seed", "4");
    h.put("opponent_policy_weight", opponentWeight);
    return h;
  }

  /** The largest magnitude among the opponent head's parameters of the exported network. */
  private static float opponentHead(Path dir, String weight) throws Exception {
    TrainingJobTest.playGamesOnce();
    MlPaths paths = TrainingJobTest.ml(dir, hyper(weight));
    Hyperparameters h =
        Hyperparameters.parse(TrainingJob.readHyperparameters(paths.hyperparameters()));
    List<String> log = new ArrayList<>();
    TrainingJob.Result r = new TrainingJob(paths, h, Device.cpu(), log::add).run();
    assertTrue(Files.isRegularFile(r.model()));
    float max = 0;
    try (Network net = NetworkFile.load(r.model(), null, Device.cpu())) {
      for (var p : net.parameters()) {
        if (p.getKey().replaceFirst("^\\d+", "").startsWith("opponent")) {
          for (float f : p.getValue().getArray().toFloatArray()) {
            max = Math.max(max, Math.abs(f));
          }
        }
      }
    }
    return max;
  }

  @Test
  void theHeadLearnsOnlyWhenItsTermHasAWeight(@TempDir Path dir) throws Exception {
    assertEquals(0, opponentHead(dir.resolve("off"), "0"), "weight 0: the head stays at zero");
    assertTrue(opponentHead(dir.resolve("on"), "0.15") > 0, "weight 0.15: the head learns");
  }
}
