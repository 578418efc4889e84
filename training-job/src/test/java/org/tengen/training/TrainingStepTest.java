package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;

/** An optimizer step leaves nothing behind: no arrays held by the network, no gradient. */
class TrainingStepTest {

  @Test
  void stepsLeaveNoArraysBehindAndZeroTheGradientsForTheNext() throws Exception {
    NetworkName name = NetworkName.parse("t-b1c16-s0-d0");
    List<ShardData.Shard> shards = TrainBenchmark.randomShards(name, 7, 4 * 16, 3);
    Batches batches = new Batches(shards, 16, 1);
    try (Network net = Network.random(name, 1, Device.cpu())) {
      Adam adam = new Adam(net, 1e-3f);
      for (int s = 0; s < 2; s++) {
        TrainingJob.step(
            net, adam, EncodedBatch.of(batches.next(), shards, new SplittableRandom(s)), false);
      }
      int held = net.manager().getManagedArrays().size();
      for (int s = 2; s < 30; s++) {
        TrainingJob.step(
            net, adam, EncodedBatch.of(batches.next(), shards, new SplittableRandom(s)), false);
      }
      assertEquals(
          held,
          net.manager().getManagedArrays().size(),
          "arrays the network's manager holds after 28 more steps");
      for (var p : net.parameters()) {
        try (NDArray g = p.getValue().getArray().getGradient()) {
          float[] values = g.toFloatArray();
          for (float v : values) {
            assertEquals(0f, v, p.getKey() + "'s gradient after the update");
          }
        }
      }
    }
  }
}
