package org.tengen.network.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;

/** The Java engine computes what libtorch computes, for every shape of network and batch. */
class VectorNetworkTest {

  private static Features.Position position(int size, long seed, int moves) {
    Game game = new Game(size, Rules.chinese());
    Playout.playOut(game, new SplittableRandom(seed), moves);
    return Features.of(game);
  }

  /** Random weights with the residual gates opened, so that every convolution counts. */
  private static Network network(String architecture, long seed) {
    Network net =
        Network.random(NetworkName.parse("test-" + architecture + "-s0-d0"), seed, Device.cpu());
    for (var p : net.parameters()) {
      if (p.getKey().endsWith("_gate")) {
        p.getValue().getArray().muli(0).addi(0.8f);
      }
    }
    return net;
  }

  private static void assertSameOutputs(Network.Outputs expected, Network.Outputs actual) {
    float tolerance = 2e-4f;
    assertArrayEquals(expected.policy(), actual.policy(), tolerance, "policy");
    assertArrayEquals(expected.value(), actual.value(), tolerance, "value");
    assertArrayEquals(expected.score(), actual.score(), tolerance, "score");
    assertArrayEquals(expected.ownership(), actual.ownership(), tolerance, "ownership");
  }

  @ParameterizedTest(name = "{0}, boards {1}, {2} thread(s)")
  @CsvSource({
    "b3c16, '9,9,9,9,9', 1",
    "b3c16, '19', 2",
    "b3c40, '7,7,7', 2",
    "b3c40, '13,9,5', 1",
    "b4c96, '9,9,9,9,9,9,9,9', 2",
  })
  void answersAsLibtorchDoes(String architecture, String boards, int threads) {
    try (Network net = network(architecture, 11)) {
      VectorNetwork vector = VectorNetwork.of(net, threads);
      List<Features.Position> positions = new ArrayList<>();
      int seed = 1;
      for (String b : boards.split(",")) {
        int size = Integer.parseInt(b);
        positions.add(position(size, seed++, size * size / 3));
      }
      Symmetry[] symmetries = new Symmetry[positions.size()];
      for (int i = 0; i < symmetries.length; i++) {
        symmetries[i] = Symmetry.values()[i % 8];
      }
      Network.Batch batch = net.encode(positions, symmetries);
      Network.Outputs expected = net.infer(batch);
      Network.Outputs actual = vector.infer(batch);
      assertSameOutputs(expected, actual);
      // The same buffers serve a smaller batch next without leftovers from the larger one.
      Network.Batch one = net.encode(positions.subList(0, 1), symmetries);
      assertSameOutputs(net.infer(one), vector.infer(one));
    }
  }

  @Test
  void copiesTheWeightsItWasMadeFrom() {
    try (Network a = network("b3c16", 1);
        Network b = network("b3c16", 2)) {
      Network.Batch batch =
          a.encode(List.of(position(9, 3, 30)), new Symmetry[] {Symmetry.IDENTITY});
      Network.Outputs fromA = VectorNetwork.of(a, 1).infer(batch);
      Network.Outputs fromB = VectorNetwork.of(b, 1).infer(batch);
      assertTrue(!Arrays.equals(fromA.policy(), fromB.policy()));
      assertSameOutputs(b.infer(batch), fromB);
      float sum = 0;
      for (int i = 0; i < 82; i++) {
        sum += fromA.policy()[i];
      }
      assertEquals(1f, sum, 1e-5f);
    }
  }

  @Test
  void refusesAThreadCountBelowOne() {
    try (Network a = network("b3c16", 1)) {
      assertThrows(IllegalArgumentException.class, () -> VectorNetwork.of(a, 0));
    }
  }
}
