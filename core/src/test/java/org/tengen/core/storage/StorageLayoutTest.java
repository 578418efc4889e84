package org.tengen.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;

class StorageLayoutTest {

  private final RunId run = new RunId("kata1");
  private final ContributorId alice = new ContributorId("alice_01");
  private final UploadId upload = new UploadId("0123456789abcdef0123456789abcdef");

  @Test
  void keysFollowTheDesign() {
    assertEquals(
        "incoming/alice_01/0123456789abcdef0123456789abcdef.json.gz",
        StorageLayout.incoming(alice, upload));
    assertEquals(
        "rejected/alice_01/0123456789abcdef0123456789abcdef.json.gz",
        StorageLayout.rejected(alice, upload));
    assertEquals("training_data/kata1/games_00001.npz", StorageLayout.shard(run, 1));
    assertEquals("training_data/kata1/games_123456.npz", StorageLayout.shard(run, 123456));
    assertEquals("sgf/kata1/g-17.sgf", StorageLayout.sgf(run, "g-17"));
    assertEquals(
        "networks/kata1/kata1-b6c96-s100-d200.bin.gz",
        StorageLayout.network(run, NetworkName.parse("kata1-b6c96-s100-d200")));
    assertEquals("checkpoints/kata1/", StorageLayout.checkpoints(run));
    assertTrue(
        StorageLayout.incoming(alice, upload).startsWith(StorageLayout.incomingPrefix(alice)));
  }

  @Test
  void keysParseBack() {
    assertEquals(
        Optional.of(new StorageLayout.ShardKey(run, 42)),
        StorageLayout.parseShard(StorageLayout.shard(run, 42)));
    assertEquals(
        Optional.of(new StorageLayout.IncomingKey(alice, upload)),
        StorageLayout.parseIncoming(StorageLayout.incoming(alice, upload)));
    assertTrue(StorageLayout.parseShard("training_data/kata1/games_1.npz").isEmpty());
    assertTrue(StorageLayout.parseIncoming("incoming/../x/0123.json.gz").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> StorageLayout.shard(run, 0));
  }

  @Test
  void hostileSegmentsNeverBecomeKeys() {
    for (String bad : List.of("..", "a/b", "a b", "ünïcode", "", "a.b", "-lead", "x".repeat(41))) {
      assertThrows(IllegalArgumentException.class, () -> new ContributorId(bad), bad);
      assertFalse(ContributorId.isValid(bad));
    }
    for (String bad : List.of("..", "Kata1", "a/b", "", "ü", "x".repeat(65))) {
      assertThrows(IllegalArgumentException.class, () -> new RunId(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new UploadId("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> StorageLayout.sgf(run, "../x"));
    String message =
        assertThrows(IllegalArgumentException.class, () -> new ContributorId("a/b")).getMessage();
    assertEquals(
        "contributor 'a/b' must be 1-40 of [A-Za-z0-9_-], starting with a letter or digit",
        message);
  }

  @Test
  void aNewRunsNameFitsASageMakerTrainingJobName() {
    for (String good : List.of("kata1", "b", "g170-9x9", "x".repeat(RunId.MAX_NEW_LENGTH))) {
      RunId id = RunId.forNewRun(good);
      String job = id.value() + "-" + java.util.UUID.randomUUID();
      assertTrue(
          job.length() <= 63 && job.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"),
          "SageMaker's TrainingJobName pattern: " + job);
    }
    for (String bad : List.of("kata_1", "x".repeat(RunId.MAX_NEW_LENGTH + 1), "a-", "a--b")) {
      String message =
          assertThrows(IllegalArgumentException.class, () -> RunId.forNewRun(bad), bad)
              .getMessage();
      assertTrue(message.contains("SageMaker"), message);
    }
    for (String bad : List.of("-a", "Kata1", "")) {
      assertThrows(IllegalArgumentException.class, () -> RunId.forNewRun(bad), bad);
    }
    // Older runs keep their names: only new ones are held to the stricter rule.
    assertEquals("kata_1", new RunId("kata_1").value());
  }

  @Test
  void randomUploadIdsAreValidAndDistinct() {
    Set<UploadId> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(UploadId.random());
    }
    assertEquals(1000, ids.size());
  }

  @Test
  void tableDefinitionsAreCompleteAndDistinct() {
    Set<String> names = new HashSet<>();
    for (TableDefinition t : Tables.ALL) {
      assertTrue(names.add(t.baseName()), "duplicate table " + t.baseName());
      assertFalse(t.purpose().isBlank());
    }
    assertEquals(
        Set.of("runs", "networks", "uploads", "contributors", "matches", "counters"), names);
    assertEquals("tengen-dev-runs", Tables.RUNS.tableName("tengen-dev"));
    assertEquals("runs", Tables.RUNS.tableName(""));
    assertNotEquals(Optional.empty(), Tables.UPLOADS.ttlAttribute());
    assertEquals("by_key_hash", Tables.CONTRIBUTORS.indexes().get(0).name());
    assertEquals(
        List.of("contributor", "key_hash"),
        Tables.CONTRIBUTORS.keyAttributes().stream().map(TableDefinition.Key::name).toList());
    assertEquals(
        List.of("run", "name"),
        Tables.NETWORKS.keyAttributes().stream().map(TableDefinition.Key::name).toList());
  }
}
