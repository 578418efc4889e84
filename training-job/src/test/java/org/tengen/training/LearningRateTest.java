package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;

/** The learning rate's warm-up and decay, as numbers and as the size of Adam's steps. */
class LearningRateTest {

  @Test
  void theRateWarmsUpOverTheLineageThenHalvesEveryHalvingSteps() {
    assertEquals(0.001, LearningRate.constant(0.001).at(1), 1e-15, "no warm-up, no decay");
    assertEquals(0.001, LearningRate.constant(0.001).at(1_000_000), 1e-15);
    LearningRate warm = new LearningRate(0.001, 100, 0);
    assertEquals(0.0005, warm.at(50), 1e-15);
    assertEquals(0.001, warm.at(100), 1e-15);
    assertEquals(0.001, warm.at(5000), 1e-15);
    LearningRate decay = new LearningRate(0.001, 0, 1000);
    assertEquals(0.0005, decay.at(1000), 1e-15);
    assertEquals(0.00025, decay.at(2000), 1e-15);
    assertEquals(0.001 * Math.pow(0.5, 0.25), decay.at(250), 1e-15);
    LearningRate both = new LearningRate(0.001, 100, 1000);
    assertEquals(0.0005 * Math.pow(0.5, 0.05), both.at(50), 1e-15);
  }

  @Test
  void aRateThatCannotTrainIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRate.constant(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new LearningRate(0.001, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new LearningRate(0.001, 0, -5));
  }

  @Test
  void theHyperparameterSetsTheDecay() {
    assertEquals(0, Hyperparameters.parse(Map.of()).lrHalvingSteps(), "off by default");
    Hyperparameters h =
        Hyperparameters.parse(
            Map.of("learning_rate", "0.002", "warmup_steps", "10", "lr_halving_steps", "4000"));
    assertEquals(new LearningRate(0.002, 10, 4000), h.learningRateSchedule());
    Hyperparameters.Invalid e =
        assertThrows(
            Hyperparameters.Invalid.class,
            () -> Hyperparameters.parse(Map.of("lr_halving_steps", "-3")));
    assertTrue(e.getMessage().startsWith("lr_halving_steps"), e.getMessage());
  }

  /**
   * Adam's first step moves each weight by about the rate (its update is the rate times the
   * gradient's sign), so a schedule whose first step is half the rate moves the weights half as
   * far.
   */
  @Test
  void adamStepsFollowTheSchedule() throws Exception {
    double constant = totalMove(LearningRate.constant(1e-3));
    double halved = totalMove(new LearningRate(1e-3, 0, 1));
    assertTrue(constant > 0, "the step moved the weights");
    assertEquals(0.5, halved / constant, 0.005, "the first step of a rate that halves every step");
  }

  private static double totalMove(LearningRate rate) throws Exception {
    NetworkName name = NetworkName.parse("t-b1c16-s0-d0");
    List<ShardData.Shard> shards = TrainBenchmark.randomShards(name, 7, 16, 3);
    Batches batches = new Batches(shards, 16, 1);
    try (Network net = Network.random(name, 1, Device.cpu())) {
      List<float[]> before =
          net.parameters().stream().map(p -> p.getValue().getArray().toFloatArray()).toList();
      Adam adam = new Adam(net, rate);
      TrainingJob.step(
          net, adam, EncodedBatch.of(batches.next(), shards, new SplittableRandom(3)), false);
      double move = 0;
      for (int i = 0; i < before.size(); i++) {
        float[] after = net.parameters().get(i).getValue().getArray().toFloatArray();
        for (int j = 0; j < after.length; j++) {
          move += Math.abs(after[j] - before.get(i)[j]);
        }
      }
      return move;
    }
  }
}
