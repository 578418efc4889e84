package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.Reason;
import org.tengen.core.record.RejectionCode;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.store.Transactions;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The claims that make a confirm exactly-once, as items of the uploads table beside the uploads
 * themselves: {@code content#<sha256>} (the same bytes under another upload id are a duplicate),
 * {@code game#<run>#<sha256>} (a game brought before is a repeat) and {@code shard#<run>#<n>} (each
 * shard number is given once), with the run's shard counter that tells the next claim where to
 * start. Every claim is a conditional write that the upload already holding it may repeat, so a
 * retried confirm finds its own claims again.
 *
 * <p>Shard numbers stay dense and unique under concurrent confirms: a number is claimed in one
 * transaction with the upload ({@code shard#<run>#<n>} created, the upload's {@code shard} set).
 */
@ApplicationScoped
public class UploadClaims {

  private static final Logger LOG = Logger.getLogger(UploadClaims.class);
  private static final int MAX_CLAIM_ATTEMPTS = 1000;

  /** Locks of the claims per run, and the last number this instance claimed per run. */
  private static final Map<String, Object> CLAIM_LOCKS = new ConcurrentHashMap<>();

  private static final Map<String, Long> LAST_CLAIMED = new ConcurrentHashMap<>();

  private final DynamoDbClient dynamo;
  private final String uploadsTable;
  private final String runsTable;

  @Inject
  public UploadClaims(DynamoDbClient dynamo, TengenConfig config) {
    this(dynamo, config.tablePrefix());
  }

  /** Outside Quarkus: the tables of {@code tablePrefix} through {@code dynamo}. */
  public UploadClaims(DynamoDbClient dynamo, String tablePrefix) {
    this.dynamo = dynamo;
    this.uploadsTable = Tables.UPLOADS.tableName(tablePrefix);
    this.runsTable = Tables.RUNS.tableName(tablePrefix);
  }

  /** Claims the content for this upload; returns the upload that holds it (maybe this one). */
  public String claimContent(String hash, String uploadId) {
    Map<String, AttributeValue> key = Map.of("upload_id", AttributeValue.fromS("content#" + hash));
    Put put = claim("content#" + hash, uploadId, true);
    try {
      dynamo.putItem(
          p ->
              p.tableName(uploadsTable)
                  .item(put.item())
                  .conditionExpression(put.conditionExpression())
                  .expressionAttributeValues(put.expressionAttributeValues()));
      return uploadId;
    } catch (ConditionalCheckFailedException e) {
      return dynamo
          .getItem(g -> g.tableName(uploadsTable).key(key).consistentRead(true))
          .item()
          .get("claimed_by")
          .s();
    }
  }

  /**
   * The games of a batch this upload claimed, and a reason for each game another upload brought
   * before, named by its index in the batch as uploaded ({@code games[i]}).
   */
  public record Claimed(List<GameRecord> kept, List<Reason> repeats) {
    public Claimed {
      kept = List.copyOf(kept);
      repeats = List.copyOf(repeats);
    }
  }

  /**
   * Claims the batch's new games for this upload: a game another upload brought before is left out
   * and named, and the others are claimed again without it (one transaction per try, so a try that
   * meets a repeat claims nothing). A sharp policy makes an honest worker repeat a short game now
   * and then, and one repeat must not cost the other games. A retried confirm finds its own claims.
   * After {@code MAX_CLAIM_TRIES} tries that each met a new repeat (uploads racing for the same
   * games), nothing is kept.
   */
  public Claimed claimNewGames(String run, String uploadId, List<GameRecord> games) {
    List<Integer> left = new ArrayList<>();
    for (int i = 0; i < games.size(); i++) {
      left.add(i);
    }
    List<Reason> repeats = new ArrayList<>();
    for (int attempt = 0; attempt < MAX_CLAIM_TRIES && !left.isEmpty(); attempt++) {
      List<Integer> failed = claimAll(run, uploadId, games, left, repeats);
      if (failed.isEmpty()) {
        return new Claimed(left.stream().map(games::get).toList(), repeats);
      }
      left.removeAll(failed);
    }
    return new Claimed(List.of(), repeats);
  }

  /** Tries in {@link #claimNewGames} before an upload whose games keep racing is refused whole. */
  static final int MAX_CLAIM_TRIES = 3;

  /**
   * Claims the games at {@code indexes} in one transaction; adds a reason for each one another
   * upload holds to {@code repeats} and returns their indexes (none claimed then).
   */
  private List<Integer> claimAll(
      String run,
      String uploadId,
      List<GameRecord> games,
      List<Integer> indexes,
      List<Reason> repeats) {
    List<TransactWriteItem> claims = new ArrayList<>();
    for (int i : indexes) {
      claims.add(
          TransactWriteItem.builder()
              .put(
                  claim(gameKey(run, games.get(i)), uploadId, true).toBuilder()
                      .returnValuesOnConditionCheckFailure(
                          ReturnValuesOnConditionCheckFailure.ALL_OLD)
                      .build())
              .build());
    }
    Transactions.Outcome outcome = Transactions.write(dynamo, claims);
    List<Integer> failed = new ArrayList<>();
    for (int k = 0; k < indexes.size(); k++) {
      if (outcome.failed(k)) {
        Map<String, AttributeValue> old = outcome.reasons().get(k).item();
        String holder =
            old == null || !old.containsKey("claimed_by") ? "?" : old.get("claimed_by").s();
        failed.add(indexes.get(k));
        repeats.add(
            new Reason(
                RejectionCode.GAME_DUPLICATE,
                "games[" + indexes.get(k) + "]",
                "the same game (moves, board, rules) came in upload " + holder));
      }
    }
    return failed;
  }

  /**
   * A game's identity: run, board, rules and moves, hashed. Not its komi: the same moves under
   * another komi are the same positions with relabelled results, so resending a game with a new
   * komi must not count as new data.
   */
  static String gameKey(String run, GameRecord g) {
    String identity = g.boardSize() + "|" + g.rules() + "|" + String.join(",", g.moves());
    return "game#" + run + "#" + sha256(identity.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The shard number of this upload: the one it already claimed ({@code claimed}, from an earlier
   * attempt), or the lowest free number from the run's counter on, claimed in one transaction with
   * the upload.
   *
   * <p>Concurrent confirms race for the same next number, and only one wins it: with a hundred
   * workers, every claim lost costs a transaction, and the failed transactions crowded out the
   * useful work (docs/benchmarks.md, the load test). So the confirms of one instance take turns (a
   * lock per run), starting from the number after the last one this instance claimed; only confirms
   * of other instances (each Lambda instance serves one request at a time) still race, and a lost
   * race costs a short random pause and a fresh read of the counter, which every winner raises at
   * once.
   */
  public long claimShardNumber(String run, String uploadId, Long claimed) {
    if (claimed != null) {
      return claimed;
    }
    synchronized (CLAIM_LOCKS.computeIfAbsent(run, r -> new Object())) {
      Long last = LAST_CLAIMED.get(run);
      long n = claimFrom(run, uploadId, last == null ? shardCounter(run) + 1 : last + 1);
      LAST_CLAIMED.merge(run, n, Math::max);
      return n;
    }
  }

  private long claimFrom(String run, String uploadId, long first) {
    long next = first;
    for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      long n = next;
      List<TransactWriteItem> items =
          List.of(
              TransactWriteItem.builder().put(claim(shardKey(run, n), uploadId, false)).build(),
              TransactWriteItem.builder()
                  .update(
                      Update.builder()
                          .tableName(uploadsTable)
                          .key(Map.of("upload_id", AttributeValue.fromS(uploadId)))
                          .updateExpression("SET #s = :n")
                          .conditionExpression("attribute_not_exists(#s)")
                          .expressionAttributeNames(Map.of("#s", "shard"))
                          .expressionAttributeValues(
                              Map.of(":n", AttributeValue.fromN(Long.toString(n))))
                          .build())
                  .build());
      // One attempt: after a collision the counter is read again rather than n tried again.
      Transactions.Outcome outcome = Transactions.writeOnce(dynamo, items);
      if (outcome.failed(1)) {
        return shardOf(uploadId); // a concurrent confirm of this very upload claimed one first
      }
      if (!outcome.written()) {
        pause(attempt);
        // Taken: from the winner's number on; a collision: n may still be free.
        next = Math.max(shardCounter(run) + 1, outcome.failed(0) ? n + 1 : n);
        continue;
      }
      // Raised at once, not after the verdict: confirms of other instances then start from this
      // number. Only a hint: when raising it fails, the verdict raises it again.
      try {
        advanceShardCounter(run, n);
      } catch (SdkException e) {
        LOG.warnf("shard counter of run %s not raised to %d yet: %s", run, n, e);
      }
      return n;
    }
    throw new IllegalStateException("no free shard number after " + MAX_CLAIM_ATTEMPTS + " tries");
  }

  static String shardKey(String run, long n) {
    return "shard#" + run + "#" + n;
  }

  private long shardOf(String uploadId) {
    return number(uploadsTable, "upload_id", uploadId, "shard");
  }

  /** One number attribute of one item, read consistently; 0 when it is absent. */
  private long number(String table, String keyName, String key, String attribute) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                g ->
                    g.tableName(table)
                        .key(Map.of(keyName, AttributeValue.fromS(key)))
                        .projectionExpression("#a")
                        .expressionAttributeNames(Map.of("#a", attribute))
                        .consistentRead(true))
            .item();
    return item == null || !item.containsKey(attribute)
        ? 0
        : Long.parseLong(item.get(attribute).n());
  }

  /** A short random pause after a lost race, longer the more were lost. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2 + Math.min(40, 4L * attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while claiming a shard number", e);
    }
  }

  /** The run's shard counter as it is now (a consistent read of one attribute). */
  public long shardCounter(String run) {
    return number(runsTable, "run", run, "shards");
  }

  /**
   * Raises the run's shard counter to at least n. It is only a hint where the next claim starts
   * (the claims decide), so a versioned run update that writes an older value back costs a few
   * extra claim attempts, never a gap or a duplicate.
   */
  public void advanceShardCounter(String run, long n) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(runsTable)
                  .key(Map.of("run", AttributeValue.fromS(run)))
                  .updateExpression("SET #s = :n")
                  .conditionExpression("#s < :n")
                  .expressionAttributeNames(Map.of("#s", "shards"))
                  .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(n)))));
    } catch (ConditionalCheckFailedException e) {
      // another confirm raised it further already
    }
  }

  /**
   * A claim of {@code claimKey} for an upload: written only where no one holds it yet or, {@code
   * reentrant}, where this upload holds it already (a repeated confirm).
   */
  private Put claim(String claimKey, String uploadId, boolean reentrant) {
    Put.Builder put =
        Put.builder()
            .tableName(uploadsTable)
            .item(
                Map.of(
                    "upload_id",
                    AttributeValue.fromS(claimKey),
                    "claimed_by",
                    AttributeValue.fromS(uploadId)));
    return reentrant
        ? put.conditionExpression("attribute_not_exists(upload_id) OR claimed_by = :me")
            .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(uploadId)))
            .build()
        : put.conditionExpression("attribute_not_exists(upload_id)").build();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
