package org.tengen.network.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;

class EvaluationCacheTest {

  private static Network net;

  @BeforeAll
  static void load() {
    net = Network.random(NetworkName.parse("test-b2c16-s0-d0"), 5, Device.cpu());
  }

  @AfterAll
  static void close() {
    net.close();
  }

  private static Game game(String... moves) {
    Game g = new Game(9, Rules.chinese());
    for (String m : moves) {
      g.play(Move.parseGtp(m, 9));
    }
    return g;
  }

  @Test
  void aHitIsTheMissesAnswerWhateverSymmetryAsksForIt() throws Exception {
    Features.Position p = Features.of(game("C3", "G7", "D5"));
    Symmetry s = Symmetry.of(5);
    Evaluation direct = net.evaluate(List.of(p), new Symmetry[] {s})[0];
    try (BatchedEvaluator evaluator = new BatchedEvaluator(net, 4, 1, false, 1)) {
      EvaluationCache cache = new EvaluationCache(10);
      evaluator.withCache(cache);
      Evaluation miss = evaluator.submit(p, s).get();
      assertArrayEquals(direct.policy(), miss.policy(), 1e-5f, "in the position's own frame");
      assertArrayEquals(direct.ownership(), miss.ownership(), 1e-5f);
      Evaluation hit = evaluator.submit(p, Symmetry.of(2)).get();
      assertSame(miss, hit, "a hit is the stored answer");
      assertEquals(1, evaluator.stats().evaluations(), "the network ran once");
      assertEquals(new EvaluationCache.Stats(1, 1), cache.stats());
      assertEquals(0.5, cache.stats().hitRate(), 1e-9);
    }
  }

  @Test
  void everythingTheNetworkSeesIsInTheKey() {
    Set<Long> keys = new HashSet<>();
    Game base = game("C3", "G7", "D5");
    keys.add(EvaluationCache.key(Features.of(base)));
    // The same stones reached in another order: another history, another input.
    keys.add(EvaluationCache.key(Features.of(game("D5", "G7", "C3"))));
    // The same board, the other player to move.
    Features.Position p = Features.of(base);
    keys.add(
        EvaluationCache.key(
            new Features.Position(
                p.board(), p.toMove().opponent(), p.koPoint(), p.lastMoves(), p.rules())));
    // Another komi, other rules.
    keys.add(
        EvaluationCache.key(
            new Features.Position(
                p.board(), p.toMove(), p.koPoint(), p.lastMoves(), p.rules().withKomi(6.5))));
    keys.add(
        EvaluationCache.key(
            new Features.Position(
                p.board(), p.toMove(), p.koPoint(), p.lastMoves(), Rules.trompTaylor())));
    // A ko point.
    keys.add(
        EvaluationCache.key(
            new Features.Position(p.board(), p.toMove(), 40, p.lastMoves(), p.rules())));
    assertEquals(6, keys.size(), "six inputs, six keys");
    assertEquals(
        EvaluationCache.key(Features.of(base)),
        EvaluationCache.key(Features.of(game("C3", "G7", "D5"))),
        "the same input, the same key");
  }

  @Test
  void aSlotKeepsTheNewestAnswerAndMissesOthers() {
    EvaluationCache cache = new EvaluationCache(2);
    Evaluation a = new Evaluation(new float[82], 1, 0, 0, 0, new float[81]);
    Evaluation b = new Evaluation(new float[82], 0, 1, 0, 0, new float[81]);
    long k1 = 0x0000_0100_0000_0001L;
    long k2 = 0x0000_0100_0000_0002L; // the same slot (the high bits), another key
    cache.put(k1, a);
    assertSame(a, cache.get(k1));
    assertNull(cache.get(k2), "another key in the slot is a miss");
    cache.put(k2, b);
    assertSame(b, cache.get(k2));
    assertNull(cache.get(k1), "replaced");
    assertNotEquals(0, cache.stats().misses());
    assertThrows(IllegalArgumentException.class, () -> new EvaluationCache(1));
    assertThrows(IllegalArgumentException.class, () -> new EvaluationCache(25));
  }
}
