package org.tengen.core.storage;

import java.util.List;
import java.util.Optional;
import org.tengen.core.storage.TableDefinition.Index;
import org.tengen.core.storage.TableDefinition.Key;

/**
 * Every DynamoDB table of a deployment: runs, networks, uploads, contributors, matches, counters
 * (docs/architecture.md).
 */
public final class Tables {

  private Tables() {}

  public static final TableDefinition RUNS =
      new TableDefinition(
          "runs",
          Key.string("run"),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          "training runs: curriculum, current network, shard counter, state");

  public static final TableDefinition NETWORKS =
      new TableDefinition(
          "networks",
          Key.string("run"),
          Optional.of(Key.string("name")),
          List.of(),
          Optional.empty(),
          "networks of a run: status candidate/released/rejected, Elo, sha256");

  public static final TableDefinition UPLOADS =
      new TableDefinition(
          "uploads",
          Key.string("upload_id"),
          Optional.empty(),
          List.of(),
          Optional.of("expires_at"),
          "uploads by id, and the claims (content#, game#, shard# items) that make a confirm count"
              + " once; pending uploads expire with their object");

  public static final TableDefinition CONTRIBUTORS =
      new TableDefinition(
          "contributors",
          Key.string("contributor"),
          Optional.empty(),
          List.of(new Index("by_key_hash", Key.string("key_hash"), Optional.empty())),
          Optional.empty(),
          "contributors: API-key hash, counters, last seen");

  public static final TableDefinition MATCHES =
      new TableDefinition(
          "matches",
          Key.string("candidate"),
          Optional.of(Key.string("baseline")),
          List.of(),
          Optional.empty(),
          "rating matches: W/L/D counters, SPRT state, decision");

  public static final TableDefinition COUNTERS =
      new TableDefinition(
          "counters",
          Key.string("scope"),
          Optional.of(Key.string("period")),
          List.of(),
          Optional.empty(),
          "atomic counters per run, contributor, network and day");

  /** All tables, in creation order. */
  public static final List<TableDefinition> ALL =
      List.of(RUNS, NETWORKS, UPLOADS, CONTRIBUTORS, MATCHES, COUNTERS);
}
