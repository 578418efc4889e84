package org.tengen.core.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.record.TestGamesAccess;

class TrainingShardTest {

  private final List<GameRecord> games = TestGamesAccess.games(3, 9, 7);
  private final TrainingShard shard = TrainingShard.of(games, "run1", TestGamesAccess.network());

  @Test
  void rowsFollowThePositionsOfTheGames() {
    int rows = games.stream().mapToInt(g -> g.positions().size()).sum();
    assertEquals(rows, shard.rows());
    GameRecord first = games.get(0);
    assertEquals(first.positions().get(0).value(), shard.value()[0]);
    int r = 3; // fourth position of the first game
    assertEquals(-1, shard.toMove()[r], "white moves fourth");
    String board = first.positions().get(r).board();
    for (int p = 0; p < 81; p++) {
      int expected = board.charAt(p) == 'X' ? 1 : board.charAt(p) == 'O' ? -1 : 0;
      assertEquals(expected, shard.stones()[r * 81 + p]);
    }
    short[] last = java.util.Arrays.copyOfRange(shard.lastMoves(), r * 5, r * 5 + 5);
    assertArrayEquals(
        new short[] {
          (short) Move.parseGtp(first.moves().get(2), 9).index(9),
          (short) Move.parseGtp(first.moves().get(1), 9).index(9),
          (short) Move.parseGtp(first.moves().get(0), 9).index(9),
          -1,
          -1
        },
        last);
    assertEquals(1, shard.gameIndex()[first.positions().size()]);
  }

  @Test
  void koPointIsRecordedForTheRowAfterAKoCapture() {
    // Black D4 takes the white stone at C4 in a ko; white may not retake at once.
    Game ko = new Game(7, Rules.chinese());
    String[] moves = {"C5", "D5", "B4", "C4", "C3", "D3", "A1", "E4", "D4"};
    GameRecordBuilder builder = new GameRecordBuilder(TestGamesAccess.network());
    for (String m : moves) {
      builder.record(ko, uniform(ko));
      assertTrue(ko.play(Move.parseGtp(m, 7)).isLegal(), m);
    }
    builder.record(ko, uniform(ko));
    ko.play(Move.PASS);
    builder.record(ko, uniform(ko));
    ko.play(Move.PASS);
    TrainingShard s = TrainingShard.of(List.of(builder.build(ko)), "run1", "kata1-b1c1-s0-d0");
    // Black's D4 captured the white stone at C4: white may not retake at C4 at once.
    assertEquals(Move.parseGtp("C4", 7).index(7), s.koPoint()[9]);
    assertEquals(-1, s.koPoint()[8]);
    assertEquals(-1, s.koPoint()[10], "a pass clears the ko");
  }

  private static float[] uniform(Game g) {
    float[] p = new float[g.size() * g.size() + 1];
    p[p.length - 1] = 1;
    return p;
  }

  @Test
  void aResignedGamesRowsCarryNoScoreOrOwnershipTarget() throws IOException {
    Game game = new Game(9, Rules.chinese());
    GameRecordBuilder b = new GameRecordBuilder(TestGamesAccess.network());
    for (String m : List.of("E5", "C3", "G7", "C7")) {
      b.record(game, new float[82]);
      game.play(Move.parseGtp(m, 9));
    }
    game.resign(game.toMove());
    GameRecord resigned = b.build(game);
    TrainingShard mixed =
        TrainingShard.of(List.of(games.get(0), resigned), "run1", TestGamesAccess.network());
    int counted = games.get(0).positions().size();
    for (int r = 0; r < mixed.rows(); r++) {
      assertEquals(r < counted ? 1f : 0f, mixed.scoreWeight()[r], "row " + r);
    }
    TrainingShard back = TrainingShard.fromNpz(mixed.toNpz());
    assertArrayEquals(mixed.scoreWeight(), back.scoreWeight());
    // A shard written before score_weight existed: the weight comes from the ownership.
    Map<String, NpyArray> old = new LinkedHashMap<>(mixed.arrays());
    old.remove("score_weight");
    TrainingShard derived = TrainingShard.fromNpz(Npz.write(old, true));
    assertArrayEquals(mixed.scoreWeight(), derived.scoreWeight());
  }

  @Test
  void npzRoundTrip() throws IOException {
    byte[] npz = shard.toNpz();
    assertEquals(shard, TrainingShard.fromNpz(npz));
    assertArrayEquals(npz, shard.toNpz(), "the same shard gives the same bytes");
    Map<String, NpyArray> arrays = Npz.read(npz, 1 << 24);
    assertEquals(
        List.of(
            "stones",
            "to_move",
            "policy",
            "policy_weight",
            "value",
            "score",
            "ownership",
            "score_weight",
            "komi",
            "board_size",
            "move_number",
            "last_moves",
            "ko_point",
            "ko_rule",
            "suicide",
            "scoring",
            "game",
            "network",
            "run"),
        List.copyOf(arrays.keySet()));
    assertEquals(TestGamesAccess.network(), arrays.get("network").strings()[0]);
    assertEquals("", TrainingShard.fromNpz(npz).contributor(), "no contributor array: unknown");
  }

  @Test
  void theContributorTravelsWithTheShard() throws IOException {
    TrainingShard own = TrainingShard.of(games, "run1", TestGamesAccess.network(), "alice");
    Map<String, NpyArray> arrays = Npz.read(own.toNpz(), 1 << 24);
    assertEquals("alice", arrays.get("contributor").strings()[0]);
    assertEquals("alice", TrainingShard.fromNpz(own.toNpz()).contributor());
    assertEquals(own, TrainingShard.fromNpz(own.toNpz()));
  }

  @Test
  void malformedFilesAreRefusedWithTheirReason() {
    byte[] npz = shard.toNpz();
    IOException truncated =
        assertThrows(
            IOException.class,
            () -> TrainingShard.fromNpz(java.util.Arrays.copyOf(npz, npz.length / 2)));
    assertTrue(truncated.getMessage() != null, "has a message");
    Map<String, NpyArray> missing = new LinkedHashMap<>(shard.arrays());
    missing.remove("policy");
    IOException lacks =
        assertThrows(IOException.class, () -> TrainingShard.fromNpz(Npz.write(missing, false)));
    assertEquals("shard lacks the array 'policy'", lacks.getMessage());
    Map<String, NpyArray> wrongType = new LinkedHashMap<>(shard.arrays());
    wrongType.put("value", NpyArray.ofInts(new int[shard.rows()], shard.rows()));
    IOException type =
        assertThrows(IOException.class, () -> TrainingShard.fromNpz(Npz.write(wrongType, false)));
    assertEquals("shard array 'value' is <i4, expected <f4", type.getMessage());
    assertThrows(IOException.class, () -> TrainingShard.fromNpz(new byte[] {1, 2, 3}));
    byte[] forged = Npy.toBytes(NpyArray.ofFloats(new float[4], 2, 2));
    String header =
        new String(forged, StandardCharsets.ISO_8859_1).replace("(2, 2)", "(99999, 99999)");
    IOException big =
        assertThrows(
            IOException.class,
            () ->
                Npy.read(
                    new java.io.ByteArrayInputStream(header.getBytes(StandardCharsets.ISO_8859_1)),
                    1 << 20));
    assertTrue(big.getMessage().contains("exceeds the limit"), big.getMessage());
  }

  @Test
  void npyHeadersAreAlignedTo64Bytes() {
    for (int[] shape : new int[][] {{}, {3}, {3, 4}, {2, 19, 19}}) {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      byte[] bytes = Npy.toBytes(NpyArray.ofFloats(new float[n], shape));
      assertEquals(0, (bytes.length - n * 4) % 64);
      assertEquals('\n', bytes[bytes.length - n * 4 - 1]);
    }
  }

  // ------------------------------------------------------------------ NumPy itself

  private static boolean numpyAvailable() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String python(String script, Path dir) throws Exception {
    Path file = dir.resolve("check.py");
    Files.writeString(file, script);
    Process p =
        new ProcessBuilder("python3", file.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void numpyLoadsTheShardAsItIs(@TempDir Path dir) throws Exception {
    assumeTrue(
        numpyAvailable(),
        "python3 with numpy is not installed; the Java round trip covers the format");
    Files.write(dir.resolve("games_00001.npz"), shard.toNpz());
    String out =
        python(
            """
        import json, numpy as np
        d = np.load('games_00001.npz')  # allow_pickle stays False: plain arrays only
        print(json.dumps({k: {'dtype': d[k].dtype.str, 'shape': list(d[k].shape),
            'sum': float(d[k].astype(np.float64).sum()) if d[k].dtype.kind != 'U' else str(d[k])}
            for k in d.files}))
        """,
            dir);
    JsonNode r = new ObjectMapper().readTree(out);
    int n = shard.rows();
    assertEquals("|i1", r.get("stones").get("dtype").asText());
    assertEquals(List.of(n, 9, 9), ints(r.get("stones").get("shape")));
    assertEquals("<f4", r.get("policy").get("dtype").asText());
    assertEquals(List.of(n, 82), ints(r.get("policy").get("shape")));
    assertEquals(n, r.get("policy").get("sum").asDouble(), n * 1e-3, "each policy sums to 1");
    double valueSum = 0;
    for (float v : shard.value()) {
      valueSum += v;
    }
    assertEquals(valueSum, r.get("value").get("sum").asDouble(), 1e-6);
    double stoneSum = 0;
    for (byte b : shard.stones()) {
      stoneSum += b;
    }
    assertEquals(stoneSum, r.get("stones").get("sum").asDouble(), 1e-9);
    assertEquals(List.of(n, 5), ints(r.get("last_moves").get("shape")));
    assertEquals("<i2", r.get("last_moves").get("dtype").asText());
    assertEquals(TestGamesAccess.network(), r.get("network").get("sum").asText());
    assertEquals(List.of(), ints(r.get("run").get("shape")));
  }

  @Test
  void shardsWrittenByNumpyAreRead(@TempDir Path dir) throws Exception {
    assumeTrue(
        numpyAvailable(),
        "python3 with numpy is not installed; the Java round trip covers the format");
    Files.write(dir.resolve("java.npz"), shard.toNpz());
    python(
        """
        import numpy as np
        d = np.load('java.npz')
        np.savez_compressed('numpy.npz', **{k: d[k] for k in d.files})
        np.savez('numpy_stored.npz', **{k: d[k] for k in d.files})
        """,
        dir);
    assertEquals(shard, TrainingShard.fromNpz(Files.readAllBytes(dir.resolve("numpy.npz"))));
    assertEquals(shard, TrainingShard.fromNpz(Files.readAllBytes(dir.resolve("numpy_stored.npz"))));
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new java.util.ArrayList<>();
    array.forEach(x -> out.add(x.asInt()));
    return out;
  }
}
