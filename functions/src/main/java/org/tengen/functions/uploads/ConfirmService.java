package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.Outcome;
import org.tengen.core.record.BatchValidator;
import org.tengen.core.record.Expectations;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.Reason;
import org.tengen.core.record.RejectionCode;
import org.tengen.core.record.Validation;
import org.tengen.core.record.ValidationLimits;
import org.tengen.core.shard.TrainingShard;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * confirmUpload: reads an uploaded batch, validates it, and either stores it as the run's next
 * shard or keeps it under {@code rejected/} with its reasons. The steps follow the exactly-once
 * story of functions/README.md:
 *
 * <ol>
 *   <li>an upload that has its verdict answers it again (finishing the work after a verdict that a
 *       failed attempt left undone);
 *   <li>the content is claimed: the same bytes under another upload id are a duplicate;
 *   <li>the batch is validated by full replay against the run and network it was handed out for;
 *   <li>its games are claimed: a game brought before rejects the batch;
 *   <li>a shard number is claimed, and the shard and SGF copies are written (the same bytes on a
 *       repeat);
 *   <li>the verdict and the counters are written in one transaction, only while the upload is still
 *       pending: of two concurrent confirms, one verdict counts;
 *   <li>the work after the verdict: a rejected batch is kept, the counter hint raised, the uploaded
 *       object deleted.
 * </ol>
 *
 * The claims are {@link UploadClaims}, the objects {@link BatchStore}.
 */
@ApplicationScoped
public class ConfirmService {

  private static final Logger LOG = Logger.getLogger(ConfirmService.class);

  @Inject UploadRepository uploads;
  @Inject UploadClaims claims;
  @Inject BatchStore store;
  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;
  @Inject Counters counters;
  @Inject Quotas quotas;
  @Inject org.tengen.functions.publicpages.PublicPages publicPages;

  public ConfirmResult confirm(ContributorId caller, String uploadIdText) {
    UploadId uploadId = new UploadId(uploadIdText);
    UploadItem upload =
        uploads
            .get(uploadId.value())
            .orElseThrow(
                () -> new ApiException(ErrorCode.UPLOAD_UNKNOWN, "no upload '" + uploadId + "'"));
    if (!upload.getContributor().equals(caller.value())) {
      throw new ApiException(
          ErrorCode.UPLOAD_NOT_YOURS, "upload " + uploadId + " belongs to another contributor");
    }
    String key = StorageLayout.incoming(caller, uploadId);
    if (status(upload) != UploadStatus.PENDING) {
      if (store.exists(key)) {
        afterVerdict(upload, key); // the attempt that recorded the verdict stopped before this
      }
      return result(upload, true, List.of());
    }
    long t0 = System.nanoTime();
    Optional<BatchStore.Read> uploaded = store.read(key, config.upload().maxCompressedBytes());
    if (uploaded.isEmpty()) {
      throw new ApiException(ErrorCode.UPLOAD_MISSING, "nothing was uploaded to " + key + " yet");
    }
    // Only the holder of the processing claim goes on: two concurrent confirms of one upload never
    // both write shards or a verdict. A failure below gives the claim back, so that the retry is
    // not kept waiting for the lease.
    String token = UploadId.random().value();
    boolean claimed;
    try {
      claimed =
          uploads.claimProcessing(
              uploadId.value(), token, Instant.now(), config.upload().confirmLease());
    } catch (RuntimeException e) {
      giveBack(uploadId, token, e); // the write may have landed though its answer was lost
      throw e;
    }
    if (!claimed) {
      UploadItem now = uploads.get(uploadId.value()).orElseThrow();
      if (status(now) != UploadStatus.PENDING) {
        return result(now, true, List.of());
      }
      throw new ApiException(
          ErrorCode.UPLOAD_BUSY,
          "another confirm of upload " + uploadId + " is in progress; ask again in a few seconds");
    }
    upload.setProcessingToken(token);
    try {
      return process(caller, upload, key, uploaded.get(), t0);
    } catch (RuntimeException e) {
      giveBack(uploadId, token, e);
      throw e;
    }
  }

  /**
   * Gives the processing claim back after {@code failure}; if that fails too, the lease ends it.
   */
  private void giveBack(UploadId uploadId, String token, RuntimeException failure) {
    try {
      uploads.releaseProcessing(uploadId.value(), token);
    } catch (RuntimeException again) {
      failure.addSuppressed(again);
    }
  }

  /** The confirm's work while it holds the processing claim. */
  private ConfirmResult process(
      ContributorId caller, UploadItem upload, String key, BatchStore.Read uploaded, long t0) {
    UploadId uploadId = new UploadId(upload.getUploadId());
    long size = uploaded.size();
    quotas.checkBytes(caller, Instant.now());
    if (uploaded.tooLarge()) {
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
    byte[] bytes = uploaded.bytes();
    long tRead = System.nanoTime();
    String hash = UploadClaims.sha256(bytes);
    String holder = claims.claimContent(hash, uploadId.value());
    if (!holder.equals(uploadId.value())) {
      return duplicate(upload, size, key, hash, holder);
    }
    upload.setContentHash(hash);

    Validation verdict = validate(upload, bytes);
    List<Reason> reasons = reasons(upload, verdict);
    if (!reasons.isEmpty()) {
      return reject(upload, size, key, reasons);
    }
    UploadClaims.Claimed claimed =
        claims.claimNewGames(
            upload.getRun(), upload.getUploadId(), ((Validation.Accepted) verdict).batch().games());
    List<Reason> dropped = claimed.repeats();
    if (claimed.kept().isEmpty()) {
      return reject(upload, size, key, dropped);
    }
    List<GameRecord> games = claimed.kept();
    long tValidated = System.nanoTime();
    RunId runId = new RunId(upload.getRun());
    byte[] shard =
        TrainingShard.of(games, runId.value(), upload.getNetwork(), upload.getContributor())
            .toNpz();
    long tShard = System.nanoTime();
    long number = claims.claimShardNumber(upload.getRun(), upload.getUploadId(), upload.getShard());
    long tClaimed = System.nanoTime();
    store.storeAccepted(runId, number, shard, uploadId, games);
    long tStored = System.nanoTime();
    int positions = games.stream().mapToInt(g -> g.positions().size()).sum();
    upload.setShard(number);
    upload.setGames(games.size());
    upload.setPositions(positions);
    upload.setStatus(UploadStatus.ACCEPTED.name());
    if (!dropped.isEmpty()) {
      upload.setReasons(dropped.stream().map(ConfirmService::stored).toList());
    }
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
    publicPages.publishSoon(upload.getRun());
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
    if (!dropped.isEmpty()) {
      LOG.infof(
          "upload %s of %s: %d game(s) left out, brought before by other uploads",
          uploadId, caller, dropped.size());
    }
    return result(upload, false, dropped);
  }

  /**
   * Validates the batch by full replay, against the task it was handed: board size, network, rules,
   * komi (unless the task's variety draws it) and games per batch.
   */
  private Validation validate(UploadItem upload, byte[] bytes) {
    ValidationLimits limits =
        ValidationLimits.defaults()
            .withBoardSizes(Set.of(upload.getBoardSize()))
            .withMaxDocumentBytes(config.upload().maxUncompressedBytes());
    Expectations task =
        new Expectations(
            upload.getRun(),
            upload.getNetwork(),
            null, // the board size is the limits' only size
            upload.getRules(),
            upload.getKomi(),
            upload.getGamesPerBatch());
    return new BatchValidator(limits).validateGzip(bytes, task);
  }

  /** Every reason to reject: the run or network no longer taking games, and the validation's. */
  private List<Reason> reasons(UploadItem upload, Validation verdict) {
    List<Reason> reasons = new ArrayList<>();
    RunItem run = runs.get(upload.getRun()).orElseThrow();
    if (!"ACTIVE".equals(run.getState())) {
      reasons.add(
          new Reason(
              RejectionCode.RUN_MISMATCH, "run", "run " + run.getRun() + " is " + run.getState()));
    }
    NetworkItem network = networks.get(upload.getRun(), upload.getNetwork()).orElse(null);
    if (network == null || !network.isEnabled()) {
      reasons.add(
          new Reason(
              RejectionCode.NETWORK_MISMATCH,
              "network",
              "network " + upload.getNetwork() + " is not enabled for self-play"));
    }
    if (verdict instanceof Validation.Rejected r) {
      reasons.addAll(r.reasons());
    }
    return reasons;
  }

  private ConfirmResult duplicate(
      UploadItem upload, long size, String key, String hash, String holder) {
    upload.setStatus(UploadStatus.DUPLICATE.name());
    upload.setDuplicateOf(holder);
    upload.setContentHash(hash);
    if (!finish(upload, size, counters.duplicate(upload.getRun()))) {
      return concurrentlyFinished(upload);
    }
    afterVerdict(upload, key);
    Metrics.count(upload.getRun(), Map.of("UploadsDuplicate", 1.0));
    return result(upload, false, List.of());
  }

  private ConfirmResult reject(UploadItem upload, long size, String key, List<Reason> reasons) {
    // Record the verdict first: a retry after a crash below then gets the stored answer, where
    // moving the object first would leave it answering UPLOAD_MISSING for ever.
    upload.setStatus(UploadStatus.REJECTED.name());
    upload.setReasons(reasons.stream().map(ConfirmService::stored).toList());
    Instant now = Instant.now();
    upload.setFinishedAt(now.toString());
    if (!finish(upload, size, counters.rejected(upload.getRun(), upload.getContributor(), now))) {
      return concurrentlyFinished(upload);
    }
    afterVerdict(upload, key);
    Metrics.count(upload.getRun(), Map.of("UploadsRejected", 1.0));
    LOG.infof(
        "upload %s of %s rejected: %d reasons",
        upload.getUploadId(), upload.getContributor(), reasons.size());
    return result(upload, false, reasons);
  }

  /**
   * What follows a recorded verdict: a rejected batch is kept under {@code rejected/}, an accepted
   * one raises the run's shard counter hint, and the uploaded object goes. A confirm repeated while
   * the object is still there runs it again, so a failure after the verdict loses nothing: the
   * copy, the counter and the delete are each safe to repeat.
   */
  private void afterVerdict(UploadItem upload, String key) {
    switch (status(upload)) {
      case REJECTED ->
          store.keepRejected(
              key, new ContributorId(upload.getContributor()), new UploadId(upload.getUploadId()));
      case ACCEPTED -> claims.advanceShardCounter(upload.getRun(), upload.getShard());
      default -> {}
    }
    store.delete(key);
  }

  /**
   * Writes the upload's verdict and its counters in one transaction, if the upload is still
   * pending: false when a concurrent confirm of the same upload wrote its verdict first.
   */
  private boolean finish(UploadItem upload, long bytes, List<TransactWriteItem> counterUpdates) {
    List<TransactWriteItem> items = new ArrayList<>();
    // A verdict is kept: the expiry (the table's TTL) is for pending uploads never confirmed, and
    // a late retry of the confirm must still find its answer.
    upload.setExpiresAt(null);
    items.add(uploads.finishing(upload, upload.getProcessingToken()));
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
        Outcome.valueOf(upload.getStatus()),
        repeated,
        shard,
        upload.getGames() == null ? 0 : upload.getGames(),
        upload.getPositions() == null ? 0 : upload.getPositions(),
        upload.getDuplicateOf(),
        stored);
  }

  private static UploadStatus status(UploadItem upload) {
    return UploadStatus.valueOf(upload.getStatus());
  }

  /** A reason as stored with the upload: code, path and message separated by tabs. */
  static String stored(Reason r) {
    return r.code() + "\t" + r.path() + "\t" + r.message().replace('\t', ' ');
  }

  static Reason parseStored(String s) {
    String[] f = s.split("\t", 3);
    return new Reason(RejectionCode.valueOf(f[0]), f[1], f[2]);
  }
}
