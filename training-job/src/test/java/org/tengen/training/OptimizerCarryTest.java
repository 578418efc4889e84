package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * A job carries on the optimizer of the job before it (Adam's moments and step, the weight
 * average), exports a weight average when asked, and warms the learning rate up over the lineage.
 */
class OptimizerCarryTest {

  private static Map<String, String> hyper(int steps, String... extra) {
    Map<String, String> h = new HashMap<>();
    h.put("run", "t");
    h.put("architecture", "b1c16");
    h.put("steps", Integer.toString(steps));
    h.put("batch_size", "32");
    h.put("learning_rate", "0.002");
    h.put("holdout_percent", "0");
    h.put("checkpoint_every", "1000");
    h.put("log_every", "10");
    h.put("seed", "5");
    for (int i = 0; i < extra.length; i += 2) {
      h.put(extra[i], extra[i + 1]);
    }
    return h;
  }

  private static TrainingJob.Result run(MlPaths paths, List<String> log) throws Exception {
    Hyperparameters h =
        Hyperparameters.parse(TrainingJob.readHyperparameters(paths.hyperparameters()));
    return new TrainingJob(paths, h, Device.cpu(), log::add).run();
  }

  /** A second job's folder, given the first job's network and (when {@code withState}) state. */
  private static MlPaths next(
      Path root, TrainingJob.Result first, Map<String, String> h, boolean withState)
      throws Exception {
    MlPaths paths = TrainingJobTest.ml(root, h);
    Files.createDirectories(paths.initialModel());
    Files.copy(first.model(), paths.initialModel().resolve(first.model().getFileName()));
    if (withState) {
      Files.createDirectories(paths.initialState());
      Files.copy(
          first.optimizerState(),
          paths.initialState().resolve(first.optimizerState().getFileName()));
    }
    return paths;
  }

  private static long lineageSteps(MlPaths paths) throws Exception {
    return new ObjectMapper()
        .readTree(paths.model().resolve("training.json").toFile())
        .get("lineageSteps")
        .asLong();
  }

  @Test
  void theSecondJobCarriesOnTheFirstJobsAdam(@TempDir Path dir) throws Exception {
    TrainingJobTest.playGamesOnce();
    TrainingJob.Result first =
        run(TrainingJobTest.ml(dir.resolve("1"), hyper(20)), new ArrayList<>());
    assertTrue(Files.isRegularFile(first.optimizerState()), "the job leaves its state");

    List<String> log = new ArrayList<>();
    MlPaths second = next(dir.resolve("2"), first, hyper(20), true);
    TrainingJob.Result r = run(second, log);
    assertTrue(
        log.stream()
            .anyMatch(l -> l.contains("carrying on the optimizer") && l.contains("step 20")),
        log.toString());
    assertEquals(40, lineageSteps(second), "Adam's step counts on from the first job's 20");
    assertEquals(20, r.steps(), "the job itself takes its 20 steps");
    assertEquals(first.name().samples() + 20 * 32, r.name().samples());
    assertEquals(first.name().toString(), r.parent());

    // Without the state (or with carry_optimizer off) Adam starts again from zero.
    List<String> fresh = new ArrayList<>();
    MlPaths without = next(dir.resolve("3"), first, hyper(20), false);
    run(without, fresh);
    assertEquals(20, lineageSteps(without));
    assertTrue(fresh.stream().anyMatch(l -> l.contains("no optimizer state")), fresh.toString());
    MlPaths off = next(dir.resolve("4"), first, hyper(20, "carry_optimizer", "false"), true);
    run(off, new ArrayList<>());
    assertEquals(20, lineageSteps(off));
  }

  @Test
  void aStateOfAnotherNetworkIsRefusedByName(@TempDir Path dir) throws Exception {
    TrainingJobTest.playGamesOnce();
    TrainingJob.Result first =
        run(TrainingJobTest.ml(dir.resolve("1"), hyper(10)), new ArrayList<>());
    MlPaths second = next(dir.resolve("2"), first, hyper(10), false);
    Files.createDirectories(second.initialState());
    // A state renamed to look like the start network's: its own header names the other network.
    Path wrong = second.initialState().resolve(OptimizerState.fileName(first.name()));
    try (Network other =
        Network.initial(
            org.tengen.core.network.NetworkName.parse("t-b1c16-s5-d5"), 1, Device.cpu())) {
      OptimizerState.write(
          wrong,
          org.tengen.core.network.NetworkName.parse("t-b1c16-s5-d5"),
          other,
          new Adam(other, 0.001f),
          null);
    }
    java.io.IOException e =
        assertThrows(java.io.IOException.class, () -> run(second, new ArrayList<>()));
    assertTrue(e.getMessage().contains("belongs to t-b1c16-s5-d5"), e.getMessage());
  }

  @Test
  void theExportIsTheWeightAverageAndTrainingGoesOnFromTheLastWeights(@TempDir Path dir)
      throws Exception {
    TrainingJobTest.playGamesOnce();
    MlPaths paths = TrainingJobTest.ml(dir, hyper(30, "ema_decay", "0.9"));
    TrainingJob.Result r = run(paths, new ArrayList<>());
    OptimizerState.Loaded state =
        OptimizerState.read(
                paths.model(), r.name(), Device.cpu(), LearningRate.constant(0.002), 0.9)
            .orElseThrow();
    try (Network exported = NetworkFile.load(r.model(), null, Device.cpu());
        Network trained = state.network()) {
      boolean differs = false;
      for (int i = 0; i < exported.parameters().size(); i++) {
        float[] e = exported.parameters().get(i).getValue().getArray().toFloatArray();
        float[] t = trained.parameters().get(i).getValue().getArray().toFloatArray();
        assertEquals(e.length, t.length);
        differs |= !java.util.Arrays.equals(e, t);
      }
      assertTrue(differs, "the exported network is the average, not the last weights");
      // The state's average is what was exported.
      assertArrayEquals(
          NetworkFile.toBytes(exported, r.name()),
          state.average().withAverage(() -> NetworkFile.toBytes(trained, r.name())));
    }
  }

  @Test
  void theAverageStartsFastAndSettlesAtItsDecay() {
    assertEquals(0.1, WeightAverage.decayAt(0.999, 0), 1e-12);
    assertEquals(0.5, WeightAverage.decayAt(0.999, 8), 1e-12);
    assertEquals(0.999, WeightAverage.decayAt(0.999, 1_000_000), 1e-12);
  }

  @Test
  void theNewHyperparametersAreChecked() {
    Hyperparameters h = Hyperparameters.parse(Map.of());
    assertTrue(h.carryOptimizer(), "carried by default");
    assertEquals(0, h.emaDecay());
    assertEquals(0, h.warmupSteps());
    assertThrows(
        Hyperparameters.Invalid.class, () -> Hyperparameters.parse(Map.of("ema_decay", "0.3")));
    assertThrows(
        Hyperparameters.Invalid.class, () -> Hyperparameters.parse(Map.of("ema_decay", "1")));
    assertThrows(
        Hyperparameters.Invalid.class,
        () -> Hyperparameters.parse(Map.of("carry_optimizer", "maybe")));
    assertFalse(Hyperparameters.parse(Map.of("carry_optimizer", "false")).carryOptimizer());
    assertEquals(500, Hyperparameters.parse(Map.of("warmup_steps", "500")).warmupSteps());
  }
}
