package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.tengen.core.record.BatchValidator;
import org.tengen.core.record.Expectations;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.Reason;
import org.tengen.core.record.RejectionCode;
import org.tengen.core.record.Validation;
import org.tengen.core.record.ValidationLimits;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.core.shard.TrainingShard;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.Tables;
import org.tengen.core.storage.UploadId;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.quota.Quotas;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import org.tengen.functions.stats.Counters;
import org.tengen.functions.stats.DataQuality;
import org.tengen.functions.stats.Metrics;
import org.tengen.functions.store.Transactions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * confirmUpload: reads an uploaded batch, validates it, and either stores it as the run's next
 * shard or keeps it under {@code rejected/} with its reasons.
 *
 * <p>Idempotent twice over. The same upload confirmed again returns the stored outcome. The same
 * content under another upload id finds the content already claimed (a conditional put of {@code
 * content#<sha256>} in the uploads table) and is answered as a duplicate.
 *
 * <p>Shard numbers stay dense and unique under concurrent confirms: a number is claimed in one
 * transaction with the upload ({@code shard#<run>#<n>} created, the upload's {@code shard} set), so
 * a retry of the same confirm finds its number again, and the shard's bytes are a function of the
 * upload alone, so writing them twice writes the same file.
 */
@ApplicationScoped
public class ConfirmService {

  private static final Logger LOG = Logger.getLogger(ConfirmService.class);
  private static final int MAX_CLAIM_ATTEMPTS = 1000;

  /** Writes a batch's objects in parallel; S3 calls block, so a few threads per instance. */
  private static final ExecutorService STORE =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "tengen-store");
            t.setDaemon(true);
            return t;
          });

  /** The answer: what happened, and every reason for a rejection. */
  public record ConfirmResult(
      String uploadId,
      String outcome,
      boolean repeated,
      String shard,
      int games,
      int positions,
      String duplicateOf,
      List<Reason> reasons) {}

  @Inject UploadRepository uploads;
  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject S3Client s3;
  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;
  @Inject Counters counters;
  @Inject Quotas quotas;

  public ConfirmResult confirm(ContributorId caller, String uploadIdText) {
    UploadId uploadId = new UploadId(uploadIdText);
    UploadItem upload =
        uploads
            .get(uploadId.value())
            .orElseThrow(
                () -> ApiException.notFound("UPLOAD_UNKNOWN", "no upload '" + uploadId + "'"));
    if (!upload.getContributor().equals(caller.value())) {
      throw new ApiException(
          403, "UPLOAD_NOT_YOURS", "upload " + uploadId + " belongs to another contributor");
    }
    String key = StorageLayout.incoming(caller, uploadId);
    if (!"PENDING".equals(upload.getStatus())) {
      if (exists(key)) {
        afterVerdict(upload, key); // the attempt that recorded the verdict stopped before this
      }
      return result(upload, true, List.of());
    }
    long t0 = System.nanoTime();
    long size;
    try {
      size = s3.headObject(h -> h.bucket(config.bucket()).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      throw ApiException.conflict("UPLOAD_MISSING", "nothing was uploaded to " + key + " yet");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw ApiException.conflict("UPLOAD_MISSING", "nothing was uploaded to " + key + " yet");
      }
      throw e;
    }
    quotas.checkBytes(caller, Instant.now());
    if (size > config.upload().maxCompressedBytes()) {
      return reject(
          upload,
          size,
          key,
          List.of(
              new Reason(
                  RejectionCode.DOCUMENT_TOO_LARGE,
                  "",
                  size + " compressed bytes, at most " + config.upload().maxCompressedBytes())));
    }
    byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(config.bucket()).key(key)).asByteArray();
    long tRead = System.nanoTime();
    String hash = sha256(bytes);
    String holder = claimContent(hash, uploadId.value());
    if (!holder.equals(uploadId.value())) {
      upload.setStatus("DUPLICATE");
      upload.setDuplicateOf(holder);
      upload.setContentHash(hash);
      if (!finish(upload, size, counters.duplicate(upload.getRun()))) {
        return concurrentlyFinished(upload);
      }
      afterVerdict(upload, key);
      Metrics.count(upload.getRun(), Map.of("UploadsDuplicate", 1.0));
      return result(upload, false, List.of());
    }
    upload.setContentHash(hash);

    RunItem run = runs.get(upload.getRun()).orElseThrow();
    List<Reason> stateReasons = new ArrayList<>();
    if (!"ACTIVE".equals(run.getState())) {
      stateReasons.add(
          new Reason(
              RejectionCode.RUN_MISMATCH, "run", "run " + run.getRun() + " is " + run.getState()));
    }
    NetworkItem network = networks.get(upload.getRun(), upload.getNetwork()).orElse(null);
    if (network == null || !network.isEnabled()) {
      stateReasons.add(
          new Reason(
              RejectionCode.NETWORK_MISMATCH,
              "network",
              "network " + upload.getNetwork() + " is not enabled for self-play"));
    }
    ValidationLimits limits =
        ValidationLimits.defaults()
            .withBoardSizes(Set.of(upload.getBoardSize()))
            .withMaxDocumentBytes(config.upload().maxUncompressedBytes());
    Validation verdict =
        new BatchValidator(limits)
            .validateGzip(bytes, new Expectations(upload.getRun(), upload.getNetwork()));
    if (verdict instanceof Validation.Rejected rejected || !stateReasons.isEmpty()) {
      List<Reason> reasons = new ArrayList<>(stateReasons);
      if (verdict instanceof Validation.Rejected r) {
        reasons.addAll(r.reasons());
      }
      return reject(upload, size, key, reasons);
    }
    List<GameRecord> games = ((Validation.Accepted) verdict).batch().games();
    List<Reason> repeats = claimGames(upload, games);
    if (!repeats.isEmpty()) {
      return reject(upload, size, key, repeats);
    }
    long tValidated = System.nanoTime();
    RunId runId = new RunId(upload.getRun());
    byte[] shard =
        TrainingShard.of(games, runId.value(), upload.getNetwork(), upload.getContributor())
            .toNpz();
    long tShard = System.nanoTime();
    long number = claimShardNumber(upload);
    long tClaimed = System.nanoTime();
    // The shard and the SGF copies go up side by side: a batch is 1 + games objects, and one
    // after another they took half of a confirm's time.
    List<Runnable> writes = new ArrayList<>();
    writes.add(
        () ->
            s3.putObject(
                p -> p.bucket(config.bucket()).key(StorageLayout.shard(runId, number)),
                RequestBody.fromBytes(shard)));
    for (int i = 0; i < games.size(); i++) {
      GameRecord game = games.get(i);
      String gameId = uploadId.value() + "-" + i;
      writes.add(
          () ->
              s3.putObject(
                  p -> p.bucket(config.bucket()).key(StorageLayout.sgf(runId, gameId)),
                  RequestBody.fromString(SgfWriter.write(SgfGame.of(game)))));
    }
    writeAll(writes);
    long tStored = System.nanoTime();
    int positions = games.stream().mapToInt(g -> g.positions().size()).sum();
    upload.setShard(number);
    upload.setGames(games.size());
    upload.setPositions(positions);
    upload.setStatus("ACCEPTED");
    Instant now = Instant.now();
    upload.setFinishedAt(now.toString());
    if (!finish(
        upload,
        size,
        counters.accepted(
            upload.getRun(),
            upload.getContributor(),
            upload.getNetwork(),
            games.size(),
            positions,
            DataQuality.of(games),
            now))) {
      return concurrentlyFinished(upload);
    }
    afterVerdict(upload, key);
    Metrics.count(
        upload.getRun(),
        Map.of(
            "UploadsAccepted",
            1.0,
            "Games",
            (double) games.size(),
            "Positions",
            (double) positions));
    long tEnd = System.nanoTime();
    LOG.infof(
        "upload %s of %s accepted as shard %d (%d games, %d positions) in %d ms: read %d,"
            + " validate %d, shard %d, claim %d, store %d, record %d",
        uploadId,
        caller,
        number,
        games.size(),
        positions,
        (tEnd - t0) / 1_000_000,
        (tRead - t0) / 1_000_000,
        (tValidated - tRead) / 1_000_000,
        (tShard - tValidated) / 1_000_000,
        (tClaimed - tShard) / 1_000_000,
        (tStored - tClaimed) / 1_000_000,
        (tEnd - tStored) / 1_000_000);
    return result(upload, false, List.of());
  }

  /** Runs the writes on the store pool and waits for all; the first failure is rethrown. */
  private static void writeAll(List<Runnable> writes) {
    List<Future<?>> pending = new ArrayList<>();
    for (Runnable w : writes) {
      pending.add(STORE.submit(w));
    }
    RuntimeException failure = null;
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("writing the batch's objects failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing the batch's objects", e);
      }
    }
    if (failure != null) {
      throw failure; // the upload stays pending: a retried confirm writes the same objects
    }
  }

  private ConfirmResult reject(UploadItem upload, long size, String key, List<Reason> reasons) {
    ContributorId contributor = new ContributorId(upload.getContributor());
    UploadId id = new UploadId(upload.getUploadId());
    // Record the verdict first: a retry after a crash below then gets the stored answer, where
    // moving the object first would leave it answering UPLOAD_MISSING for ever.
    upload.setStatus("REJECTED");
    upload.setReasons(reasons.stream().map(ConfirmService::stored).toList());
    Instant now = Instant.now();
    upload.setFinishedAt(now.toString());
    if (!finish(upload, size, counters.rejected(upload.getRun(), upload.getContributor(), now))) {
      return concurrentlyFinished(upload);
    }
    afterVerdict(upload, key);
    Metrics.count(upload.getRun(), Map.of("UploadsRejected", 1.0));
    LOG.infof("upload %s of %s rejected: %d reasons", id, contributor, reasons.size());
    return result(upload, false, reasons);
  }

  /**
   * What follows a recorded verdict: a rejected batch is kept under {@code rejected/}, an accepted
   * one raises the run's shard counter hint, and the uploaded object goes. A confirm repeated while
   * the object is still there runs it again, so a failure after the verdict loses nothing: the
   * copy, the counter and the delete are each safe to repeat.
   */
  private void afterVerdict(UploadItem upload, String key) {
    switch (upload.getStatus()) {
      case "REJECTED" -> {
        String rejectedKey =
            StorageLayout.rejected(
                new ContributorId(upload.getContributor()), new UploadId(upload.getUploadId()));
        s3.copyObject(
            c ->
                c.sourceBucket(config.bucket())
                    .sourceKey(key)
                    .destinationBucket(config.bucket())
                    .destinationKey(rejectedKey));
      }
      case "ACCEPTED" -> advanceShardCounter(new RunId(upload.getRun()), upload.getShard());
      default -> {}
    }
    s3.deleteObject(d -> d.bucket(config.bucket()).key(key));
  }

  private boolean exists(String key) {
    try {
      s3.headObject(h -> h.bucket(config.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Writes the upload's verdict and its counters in one transaction, if the upload is still
   * pending: false when a concurrent confirm of the same upload wrote its verdict first.
   */
  private boolean finish(UploadItem upload, long bytes, List<TransactWriteItem> counterUpdates) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(uploads.finishing(upload));
    items.addAll(counterUpdates);
    items.add(quotas.countBytes(upload.getContributor(), bytes, Instant.now()));
    return Transactions.write(dynamo, items).written();
  }

  private ConfirmResult concurrentlyFinished(UploadItem upload) {
    return result(uploads.get(upload.getUploadId()).orElseThrow(), true, List.of());
  }

  private ConfirmResult result(UploadItem upload, boolean repeated, List<Reason> reasons) {
    String shard =
        upload.getShard() == null
            ? null
            : StorageLayout.shard(new RunId(upload.getRun()), upload.getShard());
    List<Reason> stored = reasons;
    if (repeated && upload.getReasons() != null) {
      stored = upload.getReasons().stream().map(ConfirmService::parseStored).toList();
    }
    return new ConfirmResult(
        upload.getUploadId(),
        upload.getStatus(),
        repeated,
        shard,
        upload.getGames() == null ? 0 : upload.getGames(),
        upload.getPositions() == null ? 0 : upload.getPositions(),
        upload.getDuplicateOf(),
        stored);
  }

  /**
   * Claims every game of the batch for this upload ({@code game#<run>#<sha256 of its moves>}) in
   * one transaction: a game that another upload brought before is a repeat, and the batch is
   * rejected naming each; then nothing is claimed, so the batch's new games stay free. A retried
   * confirm finds its own claims.
   */
  private List<Reason> claimGames(UploadItem upload, List<GameRecord> games) {
    List<TransactWriteItem> claims = new ArrayList<>();
    for (GameRecord g : games) {
      claims.add(
          TransactWriteItem.builder()
              .put(
                  claim(gameKey(upload.getRun(), g), upload.getUploadId(), true).toBuilder()
                      .returnValuesOnConditionCheckFailure(
                          ReturnValuesOnConditionCheckFailure.ALL_OLD)
                      .build())
              .build());
    }
    Transactions.Outcome outcome = Transactions.write(dynamo, claims);
    List<Reason> repeats = new ArrayList<>();
    for (int i = 0; i < games.size(); i++) {
      if (outcome.failed(i)) {
        Map<String, AttributeValue> old = outcome.reasons().get(i).item();
        String holder =
            old == null || !old.containsKey("claimed_by") ? "?" : old.get("claimed_by").s();
        repeats.add(
            new Reason(
                RejectionCode.GAME_DUPLICATE,
                "games[" + i + "]",
                "the same game (moves, board, komi, rules) came in upload " + holder));
      }
    }
    return repeats;
  }

  /**
   * A claim of {@code claimKey} for an upload in the uploads table: written only where no one holds
   * it yet or, {@code reentrant}, where this upload holds it already (a repeated confirm).
   */
  private Put claim(String claimKey, String uploadId, boolean reentrant) {
    Put.Builder put =
        Put.builder()
            .tableName(Tables.UPLOADS.tableName(config.tablePrefix()))
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

  /** A game's identity: run, board, komi, rules and moves, hashed. */
  static String gameKey(String run, GameRecord g) {
    String identity =
        g.boardSize() + "|" + g.komi() + "|" + g.rules() + "|" + String.join(",", g.moves());
    return "game#" + run + "#" + sha256(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Claims the content for this upload; returns the upload that holds it (maybe this one). */
  private String claimContent(String hash, String uploadId) {
    String table = Tables.UPLOADS.tableName(config.tablePrefix());
    Map<String, AttributeValue> key = Map.of("upload_id", AttributeValue.fromS("content#" + hash));
    Put put = claim("content#" + hash, uploadId, true);
    try {
      dynamo.putItem(
          p ->
              p.tableName(table)
                  .item(put.item())
                  .conditionExpression(put.conditionExpression())
                  .expressionAttributeValues(put.expressionAttributeValues()));
      return uploadId;
    } catch (ConditionalCheckFailedException e) {
      return dynamo
          .getItem(g -> g.tableName(table).key(key).consistentRead(true))
          .item()
          .get("claimed_by")
          .s();
    }
  }

  /**
   * The shard number of this upload: the one it already claimed (a retry), or the lowest free
   * number from the run's counter on, claimed in one transaction with the upload.
   *
   * <p>Concurrent confirms race for the same next number, and only one wins it: with a hundred
   * workers, every claim lost costs a transaction, and the failed transactions crowded out the
   * useful work (docs/benchmarks.md, the load test). So the confirms of one instance take turns (a
   * lock per run), starting from the number after the last one this instance claimed; only confirms
   * of other instances (each Lambda instance serves one request at a time) still race, and a lost
   * race costs a short random pause and a fresh read of the counter, which every winner raises at
   * once.
   */
  private long claimShardNumber(UploadItem upload) {
    if (upload.getShard() != null) {
      return upload.getShard(); // claimed by an earlier attempt of this confirm
    }
    String run = upload.getRun();
    synchronized (CLAIM_LOCKS.computeIfAbsent(run, r -> new Object())) {
      Long last = LAST_CLAIMED.get(run);
      long n = claimFrom(upload, last == null ? shardCounter(run) + 1 : last + 1);
      LAST_CLAIMED.merge(run, n, Math::max);
      return n;
    }
  }

  /** Locks of the claims per run, and the last number this instance claimed per run. */
  private static final Map<String, Object> CLAIM_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final Map<String, Long> LAST_CLAIMED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private long claimFrom(UploadItem upload, long first) {
    String table = Tables.UPLOADS.tableName(config.tablePrefix());
    long next = first;
    for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      long n = next;
      List<TransactWriteItem> items =
          List.of(
              TransactWriteItem.builder()
                  .put(claim("shard#" + upload.getRun() + "#" + n, upload.getUploadId(), false))
                  .build(),
              TransactWriteItem.builder()
                  .update(
                      Update.builder()
                          .tableName(table)
                          .key(Map.of("upload_id", AttributeValue.fromS(upload.getUploadId())))
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
        // a concurrent confirm of this very upload claimed a number first
        return uploads.get(upload.getUploadId()).orElseThrow().getShard();
      }
      if (!outcome.written()) {
        pause(attempt);
        // Taken: from the winner's number on; a collision: n may still be free.
        next = Math.max(shardCounter(upload.getRun()) + 1, outcome.failed(0) ? n + 1 : n);
        continue;
      }
      // Raised at once, not after the verdict: confirms of other instances then start from this
      // number. Only a hint: when raising it fails, the verdict raises it again.
      try {
        advanceShardCounter(new RunId(upload.getRun()), n);
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        LOG.warnf("shard counter of run %s not raised to %d yet: %s", upload.getRun(), n, e);
      }
      return n;
    }
    throw new IllegalStateException("no free shard number after " + MAX_CLAIM_ATTEMPTS + " tries");
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
  private long shardCounter(String run) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                g ->
                    g.tableName(Tables.RUNS.tableName(config.tablePrefix()))
                        .key(Map.of("run", AttributeValue.fromS(run)))
                        .projectionExpression("shards")
                        .consistentRead(true))
            .item();
    return item == null || !item.containsKey("shards") ? 0 : Long.parseLong(item.get("shards").n());
  }

  /**
   * Raises the run's shard counter to at least n. It is only a hint where the next claim starts
   * (the claims decide), so a versioned run update that writes an older value back costs a few
   * extra claim attempts, never a gap or a duplicate.
   */
  private void advanceShardCounter(RunId run, long n) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(Tables.RUNS.tableName(config.tablePrefix()))
                  .key(Map.of("run", AttributeValue.fromS(run.value())))
                  .updateExpression("SET #s = :n")
                  .conditionExpression("#s < :n")
                  .expressionAttributeNames(Map.of("#s", "shards"))
                  .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(n)))));
    } catch (ConditionalCheckFailedException e) {
      // another confirm raised it further already
    }
  }

  /** A reason as stored with the upload: code, path and message separated by tabs. */
  static String stored(Reason r) {
    return r.code() + "\t" + r.path() + "\t" + r.message().replace('\t', ' ');
  }

  static Reason parseStored(String s) {
    String[] f = s.split("\t", 3);
    return new Reason(RejectionCode.valueOf(f[0]), f[1], f[2]);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
