package org.tengen.network.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;

class BatchedEvaluatorTest {

  private static Network net;

  @BeforeAll
  static void load() {
    net = Network.random(NetworkName.parse("test-b2c16-s0-d0"), 3, Device.cpu());
  }

  @AfterAll
  static void close() {
    net.close();
  }

  @Test
  void manyConcurrentSearchesFillBatchesAndGetTheirOwnAnswers() throws Exception {
    List<Features.Position> positions = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 64; i++) {
      Game g = new Game(9, Rules.chinese());
      Playout.playOut(g, random, i);
      positions.add(Features.of(g));
    }
    Evaluation[] direct = net.evaluate(positions);
    try (BatchedEvaluator evaluator = new BatchedEvaluator(net, 16, 2, false, 1)) {
      List<CompletableFuture<Evaluation>> futures = new ArrayList<>();
      for (Features.Position p : positions) {
        futures.add(evaluator.submit(p));
      }
      for (int i = 0; i < positions.size(); i++) {
        Evaluation e = futures.get(i).get();
        assertArrayEquals(direct[i].policy(), e.policy(), 1e-4f, "request " + i);
        assertEquals(direct[i].win(), e.win(), 1e-4);
      }
      BatchedEvaluator.Stats stats = evaluator.stats();
      assertEquals(64, stats.evaluations());
      assertTrue(stats.averageBatch() > 1.5, "batches filled: " + stats.averageBatch());
      assertTrue(stats.batches() >= 4, "at most 16 per batch: " + stats.batches());
    }
  }

  @Test
  void theBoardIsCopiedAtSubmission() throws Exception {
    try (BatchedEvaluator evaluator = new BatchedEvaluator(net, 4, 1, false, 1)) {
      Game game = new Game(9, Rules.chinese());
      Evaluation before = net.evaluate(List.of(Features.of(game)))[0];
      CompletableFuture<Evaluation> f = evaluator.submit(Features.of(game));
      game.play(Move.of(4, 4)); // the search goes on playing at once
      assertArrayEquals(before.policy(), f.get().policy(), 1e-5f);
    }
  }

  @Test
  void randomSymmetriesStillGiveValidAnswers() {
    try (BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 1, true, 9)) {
      Evaluation e = evaluator.evaluate(Features.of(new Game(13, Rules.chinese())));
      double sum = 0;
      for (float p : e.policy()) {
        sum += p;
      }
      assertEquals(1, sum, 1e-4);
    }
  }

  @Test
  void aRequestMayChooseItsSymmetry() throws Exception {
    Game game = new Game(9, Rules.chinese());
    game.play(Move.of(2, 3));
    Features.Position p = Features.of(game);
    Evaluation direct =
        net.evaluate(
                List.of(p),
                new org.tengen.core.go.Symmetry[] {org.tengen.core.go.Symmetry.ROTATE_CLOCKWISE})[
            0];
    try (BatchedEvaluator evaluator = new BatchedEvaluator(net, 4, 1, false, 1)) {
      Evaluation e = evaluator.submit(p, org.tengen.core.go.Symmetry.ROTATE_CLOCKWISE).get();
      assertArrayEquals(direct.policy(), e.policy(), 1e-5f);
    }
  }

  @Test
  void aClosedEvaluatorRefusesWork() {
    BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 2, false, 1);
    evaluator.close();
    CompletableFuture<Evaluation> f = evaluator.submit(Features.of(new Game(9, Rules.chinese())));
    assertThrows(ExecutionException.class, f::get);
    assertThrows(IllegalArgumentException.class, () -> new BatchedEvaluator(net, 0, 1, false, 1));
    assertThrows(IllegalArgumentException.class, () -> new BatchedEvaluator(net, 8, 0, false, 1));
  }

  @Test
  void selfTestPassesOnAHealthyNetwork() {
    SelfTest.Result r = SelfTest.run(net);
    assertTrue(r.passed(), r.failure());
    assertTrue(r.maxDeviation() < 1e-4, "deviation " + r.maxDeviation());
  }
}
