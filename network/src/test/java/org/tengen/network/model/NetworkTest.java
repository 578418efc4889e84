package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;

class NetworkTest {

  private static Network net;

  @BeforeAll
  static void load() {
    net = Network.random(NetworkName.parse("test-b3c16-s0-d0"), 7, Device.cpu());
  }

  @AfterAll
  static void close() {
    net.close();
  }

  private static Features.Position position(int size, long seed, int moves) {
    Game game = new Game(size, Rules.chinese());
    Playout.playOut(game, new SplittableRandom(seed), moves);
    return Features.of(game);
  }

  private static void assertSame(Evaluation a, Evaluation b, double tolerance) {
    assertArrayEquals(a.policy(), b.policy(), (float) tolerance);
    assertArrayEquals(a.ownership(), b.ownership(), (float) tolerance);
    assertEquals(a.win(), b.win(), tolerance);
    assertEquals(a.loss(), b.loss(), tolerance);
    assertEquals(a.score(), b.score(), tolerance * 20);
  }

  @Test
  void outputsAreDistributionsOfTheRightSize() {
    Evaluation e = net.evaluate(List.of(position(9, 1, 20)))[0];
    assertEquals(82, e.policy().length);
    assertEquals(81, e.ownership().length);
    double sum = 0;
    for (float p : e.policy()) {
      assertTrue(p >= 0);
      sum += p;
    }
    assertEquals(1, sum, 1e-5);
    assertEquals(1, e.win() + e.loss() + e.draw(), 1e-5);
    assertTrue(e.value() >= -1 && e.value() <= 1);
    for (float o : e.ownership()) {
      assertTrue(o >= -1 && o <= 1);
    }
    assertTrue(net.parameterCount() > 10_000, "b3c16 has " + net.parameterCount());
  }

  @Test
  void boardsOfDifferentSizesShareABatchWithoutChangingTheirAnswers() {
    Features.Position small = position(9, 2, 30);
    Features.Position large = position(13, 3, 60);
    Evaluation alone = net.evaluate(List.of(small))[0];
    Evaluation[] mixed = net.evaluate(List.of(large, small));
    // The 9x9 board now sits on a 13x13 canvas: masking must make the padding invisible.
    assertSame(alone, mixed[1], 1e-4);
    assertSame(net.evaluate(List.of(large))[0], mixed[0], 1e-4);
  }

  @Test
  void batchAndOneByOneAgree() {
    List<Features.Position> positions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      positions.add(position(9, 10 + i, 5 * i));
    }
    Evaluation[] batch = net.evaluate(positions);
    for (int i = 0; i < positions.size(); i++) {
      assertSame(net.evaluate(List.of(positions.get(i)))[0], batch[i], 1e-4);
    }
    assertNotEquals(batch[0].win(), batch[7].win(), "different positions, different answers");
  }

  @Test
  void aSymmetricPositionGivesOneAnswerUnderAllSymmetries() {
    Features.Position empty = Features.of(new Game(9, Rules.chinese()));
    List<Features.Position> eight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eight.add(empty);
    }
    Evaluation[] e = net.evaluate(eight, Symmetry.values());
    for (int i = 1; i < 8; i++) {
      assertEquals(e[0].win(), e[i].win(), 1e-5);
      assertEquals(e[0].score(), e[i].score(), 1e-4);
      // The policy is the same tensor moved back by each symmetry: compare after moving.
      float[] back = Symmetry.of(i).applyToPolicy(e[i].policy(), 9);
      assertArrayEquals(e[0].policy(), back, 1e-5f);
    }
  }

  @Test
  void networkFileRoundTrips(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(net.name().fileName());
    NetworkFile.save(net, file);
    byte[] bytes = Files.readAllBytes(file);
    Features.Position pos = position(9, 5, 40);
    try (Network loaded = NetworkFile.load(file, NetworkFile.sha256(bytes), Device.cpu())) {
      assertEquals(net.name(), loaded.name());
      assertSame(net.evaluate(List.of(pos))[0], loaded.evaluate(List.of(pos))[0], 0);
    }
    try (Network other = Network.random(net.name(), 8, Device.cpu())) {
      assertNotEquals(net.evaluate(List.of(pos))[0].win(), other.evaluate(List.of(pos))[0].win());
    }
  }

  @Test
  void corruptedTruncatedOrUnexpectedFilesAreRefused() {
    byte[] bytes = NetworkFile.toBytes(net);
    String sha = NetworkFile.sha256(bytes);
    IOException wrongSha =
        assertThrows(
            IOException.class,
            () -> NetworkFile.load(bytes, "00" + sha.substring(2), Device.cpu()));
    assertTrue(wrongSha.getMessage().contains("SHA-256"), wrongSha.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    IOException cut =
        assertThrows(IOException.class, () -> NetworkFile.load(truncated, null, Device.cpu()));
    assertTrue(
        cut.getMessage().contains("truncated") || cut.getMessage().contains("corrupted"),
        cut.getMessage());
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 0x40;
    assertThrows(IOException.class, () -> NetworkFile.load(flipped, null, Device.cpu()));
    IOException notGzip =
        assertThrows(
            IOException.class, () -> NetworkFile.load("hello".getBytes(), null, Device.cpu()));
    assertTrue(notGzip.getMessage().contains("corrupted"), notGzip.getMessage());
  }

  @Test
  void aRunsFirstNetworkHasAUniformPolicyAnEvenValueAndNoOwnership() {
    try (Network first = Network.initial(net.name(), 7, Device.cpu())) {
      Evaluation e = first.evaluate(List.of(position(9, 3, 25)))[0];
      for (float p : e.policy()) {
        assertEquals(1.0 / 82, p, 1e-6);
      }
      assertEquals(0, e.value(), 1e-6);
      assertEquals(0, e.score(), 1e-6);
      for (float o : e.ownership()) {
        assertEquals(0, o, 1e-6);
      }
      // Only the output layers are zero: the trunk is the random network's, so training moves it.
      assertEquals(net.parameterCount(), first.parameterCount());
      Evaluation random = net.evaluate(List.of(position(9, 3, 25)))[0];
      assertTrue(random.policy()[81] != e.policy()[81] || random.value() != e.value());
    }
  }
}
