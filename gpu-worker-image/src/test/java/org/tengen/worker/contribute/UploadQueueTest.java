package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.Rules;
import org.tengen.core.record.BatchValidator;
import org.tengen.core.record.Expectations;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.RandomGames;
import org.tengen.core.record.Validation;
import org.tengen.core.record.ValidationLimits;

class UploadQueueTest {

  private static GameRecord game(long seed) {
    return RandomGames.play(9, Rules.chinese(), "q-b1c16-s0-d0", seed);
  }

  private static UploadQueue.Target target(String id) {
    return new UploadQueue.Target(id, "http://s3/x", "2026-11-24T18:00:00Z", "q", "q-b1c16-s0-d0");
  }

  @Test
  void aBatchCutShortIsSealedOnRecoveryAndValidates(@TempDir Path dir) throws Exception {
    UploadQueue queue = new UploadQueue(dir.resolve("queue"));
    Path batch = queue.open(target("0123456789abcdef0123456789abcdef"));
    queue.add(batch, 1, game(1));
    queue.add(batch, 2, game(2));
    // A crash before sealing; a leftover temporary file from a write cut short, too.
    Files.writeString(batch.resolve("games").resolve("00003.json.gz.tmp"), "partial");
    Path empty = queue.open(target("fedcba9876543210fedcba9876543210"));

    UploadQueue again = new UploadQueue(dir.resolve("queue"));
    assertEquals(1, again.recover());
    assertFalse(Files.exists(empty), "a batch without games is dropped");
    var sealed = again.sealed();
    assertEquals(1, sealed.size());
    assertEquals(2, sealed.get(0).games());
    Validation v =
        new BatchValidator(ValidationLimits.defaults())
            .validateGzip(
                Files.readAllBytes(sealed.get(0).batch()), new Expectations("q", "q-b1c16-s0-d0"));
    assertTrue(v instanceof Validation.Accepted, v.toString());
    again.done(sealed.get(0));
    assertTrue(again.sealed().isEmpty());
    assertEquals(0, again.recover());
  }

  @Test
  void twoGamesThatMetMoveForMoveGoUpOnceSoTheBatchIsNotRefused(@TempDir Path dir)
      throws Exception {
    UploadQueue queue = new UploadQueue(dir);
    Path batch = queue.open(target("0123456789abcdef0123456789abcdef"));
    queue.add(batch, 1, game(1));
    queue.add(batch, 2, game(2));
    queue.add(batch, 3, game(1));
    UploadQueue.Sealed sealed = queue.seal(batch);
    assertEquals(2, sealed.games());
    Validation v =
        new BatchValidator(ValidationLimits.defaults())
            .validateGzip(
                Files.readAllBytes(sealed.batch()), new Expectations("q", "q-b1c16-s0-d0"));
    assertTrue(v instanceof Validation.Accepted, "no GAME_DUPLICATE: " + v);
  }

  @Test
  void aBatchWithNoFinishedGameIsNoUpload(@TempDir Path dir) throws Exception {
    UploadQueue queue = new UploadQueue(dir);
    assertNull(queue.seal(queue.open(target("0123456789abcdef0123456789abcdef"))));
  }
}
