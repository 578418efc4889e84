package org.tengen.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedKeysTest {

  private static final String ADMIN = "A".repeat(20) + "b".repeat(20) + "12345678";
  private static final String TRAINER = "T".repeat(48);
  private static final String EDGE = "e".repeat(24) + "F".repeat(24);

  private final Map<String, String> secrets = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong now = new AtomicLong(1_000);

  private FixedKeys deployed() {
    secrets.put("admin", ADMIN);
    secrets.put("trainer", TRAINER);
    secrets.put("edge", EDGE);
    return new FixedKeys(
        new FixedKeys.Settings(
            FixedKeys.CLOSED,
            FixedKeys.CLOSED,
            Optional.of("admin"),
            Optional.of("trainer"),
            Optional.of("edge")),
        id -> {
          reads.incrementAndGet();
          String s = secrets.get(id);
          if (s == null) {
            throw new IllegalStateException("no secret " + id);
          }
          return s;
        },
        now::get);
  }

  @Test
  void onOneMachineTheConfiguredHashesAreTheKeysAndThereIsNoEdge() {
    FixedKeys keys =
        new FixedKeys(
            new FixedKeys.Settings(
                ApiKeys.sha256("admin"),
                FixedKeys.CLOSED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            id -> {
              throw new AssertionError("nothing to read");
            },
            now::get);
    FixedKeys.Current c = keys.fresh().orElseThrow();
    assertEquals(ApiKeys.sha256("admin"), c.adminHash());
    assertEquals(FixedKeys.CLOSED, c.trainerHash());
    assertTrue(c.viaEdge(null), "no edge: every request is as if through it");
  }

  @Test
  void aDeploymentReadsItsSecretsAndAgainAfterTheRefreshSoARotationTakesEffect() {
    FixedKeys keys = deployed();
    assertTrue(keys.fresh().isEmpty(), "nothing read yet");
    FixedKeys.Current first = keys.refresh();
    assertEquals(ApiKeys.sha256(ADMIN), first.adminHash());
    assertEquals(ApiKeys.sha256(TRAINER), first.trainerHash());
    assertTrue(first.viaEdge(EDGE));
    assertFalse(first.viaEdge(null));
    assertFalse(first.viaEdge(EDGE.substring(1)));
    assertFalse(first.viaEdge(EDGE + "x"));
    assertEquals(3, reads.get());

    now.addAndGet(FixedKeys.REFRESH.toNanos() - 1);
    assertTrue(keys.fresh().isPresent(), "still fresh just before the refresh time");
    String rotated = "R".repeat(40);
    secrets.put("admin", rotated);
    now.addAndGet(2);
    assertTrue(keys.fresh().isEmpty());
    FixedKeys.Current second = keys.refresh();
    assertEquals(ApiKeys.sha256(rotated), second.adminHash(), "the rotated key is the key now");
  }

  @Test
  void aWeakSecretAdmitsNobodyAndAWeakEdgeSecretMatchesNothing() {
    FixedKeys keys = deployed();
    secrets.put("admin", "admin");
    secrets.put("edge", "short");
    FixedKeys.Current c = keys.refresh();
    assertEquals(FixedKeys.CLOSED, c.adminHash(), "a weak admin key closes the role");
    assertEquals(ApiKeys.sha256(TRAINER), c.trainerHash());
    assertFalse(c.viaEdge("short"), "a weak edge secret is never accepted, even when sent");
    assertFalse(FixedKeys.strongEnough("x".repeat(31)));
    assertFalse(FixedKeys.strongEnough("x".repeat(31) + " "));
    assertTrue(FixedKeys.strongEnough("x".repeat(32)));
  }

  @Test
  void aFailedReadKeepsTheLastKeysButAFirstFailedReadIsAnError() {
    FixedKeys keys = deployed();
    secrets.remove("edge");
    assertThrows(IllegalStateException.class, keys::refresh);

    secrets.put("edge", EDGE);
    FixedKeys.Current good = keys.refresh();
    secrets.remove("admin");
    now.addAndGet(FixedKeys.REFRESH.toNanos() + 1);
    FixedKeys.Current after = keys.refresh();
    assertEquals(good, after, "Secrets Manager failing keeps the keys read before");
    assertTrue(keys.fresh().isPresent(), "and waits a refresh period before trying again");
  }
}
