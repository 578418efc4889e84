package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Symmetry;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.features.Features;

/** A symmetry moves a position's inputs, policy and ownership together; pass and scalars stay. */
class EncodedBatchTest {

  @Test
  void everySymmetryMovesInputsAndTargetsAlike() throws Exception {
    TrainingShard shard = TrainingShard.fromNpz(SelfPlayShards.get().get(0));
    List<ShardData.Shard> shards = List.of(new ShardData.Shard("games_00001.npz", shard));
    int size = shard.boardSize();
    int s2 = size * size;
    int row = shard.rows() / 2; // a middle-game position: stones, a policy, ownership
    Batches.Batch one = new Batches.Batch(size, new int[] {0}, new int[] {row});
    for (Symmetry sym : Symmetry.values()) {
      EncodedBatch b = EncodedBatch.of(one, shards, new Symmetry[] {sym});
      int[] map = sym.indexMap(size);
      byte mover = shard.toMove()[row];
      for (int p = 0; p < s2; p++) {
        int q = map[p];
        byte stone = shard.stones()[row * s2 + p];
        float own = b.spatial()[1 * s2 + q]; // plane 1: the mover's stones
        float opp = b.spatial()[2 * s2 + q]; // plane 2: the opponent's
        assertEquals(stone == mover ? 1f : 0f, own, sym + " own stone at " + p);
        assertEquals(stone == -mover ? 1f : 0f, opp, sym + " opponent stone at " + p);
        assertEquals(shard.policy()[row * (s2 + 1) + p], b.policy()[q], sym + " policy at " + p);
        assertEquals(shard.ownership()[row * s2 + p], b.ownership()[q], sym + " ownership");
      }
      assertEquals(shard.policy()[row * (s2 + 1) + s2], b.policy()[s2], "pass stays last");
      assertEquals(shard.value()[row], b.value()[0]);
      assertEquals(shard.score()[row], b.score()[0]);
      assertEquals(Features.SPATIAL * s2, b.spatial().length);
    }
  }
}
