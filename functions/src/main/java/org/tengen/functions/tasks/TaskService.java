package org.tengen.functions.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.TaskApi.NetworkRef;
import org.tengen.core.api.TaskApi.RatingGame;
import org.tengen.core.api.TaskApi.RatingWork;
import org.tengen.core.api.TaskApi.Settings;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskApi.UploadTarget;
import org.tengen.core.api.TaskKind;
import org.tengen.core.curriculum.Curriculum;
import org.tengen.core.network.NetworkName;
import org.tengen.core.selfplay.Variety;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.UploadId;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.release.RatingTasks;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import org.tengen.functions.stats.Counters;
import org.tengen.functions.uploads.UploadItem;
import org.tengen.functions.uploads.UploadRepository;
import org.tengen.functions.uploads.UploadStatus;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Hands out work: self-play with the run's current network, or, while a candidate is under
 * evaluation and with the configured probability, rating games of the candidate against it.
 */
@ApplicationScoped
public class TaskService {

  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject UploadRepository uploads;
  @Inject RatingTasks ratingTasks;
  @Inject Counters counters;
  @Inject S3Presigner presigner;
  @Inject org.tengen.functions.quota.Quotas quotas;
  @Inject TengenConfig config;

  /**
   * @param preferText a {@link TaskKind}'s wire name or null (the server picks); rating work is
   *     only ever given while a candidate is under evaluation
   */
  public Task nextTask(ContributorId contributor, String run, String preferText) {
    RunId runId = new RunId(run);
    TaskKind prefer = preferText == null ? null : TaskKind.ofWire(preferText);
    if (preferText != null && prefer == null) {
      throw new ApiException(ErrorCode.KIND_INVALID, "prefer is selfplay, rating or absent");
    }
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> new ApiException(ErrorCode.RUN_UNKNOWN, "no run '" + runId + "'"));
    if (!"ACTIVE".equals(runItem.getState())) {
      throw new ApiException(
          ErrorCode.RUN_NOT_ACTIVE, "run '" + runId + "' is " + runItem.getState());
    }
    if (runItem.getCurrentNetwork() == null) {
      throw new ApiException(ErrorCode.NO_NETWORK, "run '" + runId + "' has no network yet");
    }
    counters.touch(runId.value(), contributor.value(), Instant.now());
    List<NetworkItem> all = networks.list(runId.value());
    NetworkItem current =
        all.stream()
            .filter(n -> n.getName().equals(runItem.getCurrentNetwork()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run "
                            + runId
                            + " names a missing network "
                            + runItem.getCurrentNetwork()));
    if (!current.isEnabled()) {
      throw new ApiException(
          ErrorCode.NETWORK_DISABLED,
          "the run's current network " + current.getName() + " is disabled; no work until another");
    }
    Optional<NetworkItem> candidate = candidateUnderEvaluation(all);
    boolean rating =
        candidate.isPresent()
            && prefer != TaskKind.SELFPLAY
            && (prefer == TaskKind.RATING
                || ThreadLocalRandom.current().nextDouble() < config.rating().probability());
    if (rating) {
      try {
        return ratingTask(contributor, runItem, candidate.get(), current);
      } catch (ApiException e) {
        // A worker that did not ask for rating work plays self-play when its rating quota is
        // used up, rather than waiting for the hour to end.
        if (e.code() != ErrorCode.QUOTA_CALLS || prefer == TaskKind.RATING) {
          throw e;
        }
      }
    }
    return selfPlayTask(contributor, runItem, current);
  }

  /** The newest enabled candidate, the one rating games are for. */
  static Optional<NetworkItem> candidateUnderEvaluation(List<NetworkItem> networks) {
    return networks.stream()
        .filter(n -> NetworkStatus.CANDIDATE.name().equals(n.getStatus()) && n.isEnabled())
        .max(Comparator.comparingLong(NetworkItem::getSteps).thenComparing(NetworkItem::getName));
  }

  private Task selfPlayTask(ContributorId contributor, RunItem runItem, NetworkItem network) {
    RunId runId = new RunId(runItem.getRun());
    Instant now = Instant.now();
    quotas.checkBytes(contributor, now);
    quotas.takeUpload(contributor, now);
    UploadId uploadId = UploadId.random();
    String uploadKey = StorageLayout.incoming(contributor, uploadId);
    Instant expires = Instant.now().plus(config.upload().expiry());
    String uploadUrl = presignedPut(uploadKey);
    // A stage that mixes board sizes hands each self-play task one of them.
    Settings settings = settings(runItem, network, true);
    UploadItem item = new UploadItem();
    item.setUploadId(uploadId.value());
    item.setContributor(contributor.value());
    item.setRun(runId.value());
    item.setNetwork(network.getName());
    item.setBoardSize(settings.boardSize());
    // What the validator holds the upload to: the run's rules and komi, each unless the run's
    // self-play variety draws it per game (then any preset, any komi within the limits).
    Variety variety = Variety.parse(settings.variety(), settings.boardSize());
    item.setRules(variety.drawsRules() ? null : settings.rules());
    item.setKomi(variety.drawsKomi() ? null : settings.komi());
    item.setGamesPerBatch(settings.gamesPerBatch());
    item.setStatus(UploadStatus.PENDING.name());
    item.setCreatedAt(Instant.now().toString());
    // Kept a day past the URL's expiry, as the incoming/ objects are (storage lifecycle).
    item.setExpiresAt(expires.plus(Duration.ofDays(1)).getEpochSecond());
    uploads.create(item);
    return new Task(
        TaskKind.SELFPLAY,
        runId.value(),
        reference(runId, network),
        settings,
        new UploadTarget(
            uploadId.value(), uploadUrl, expires.toString(), config.upload().maxCompressedBytes()),
        null,
        null);
  }

  private Task ratingTask(
      ContributorId contributor, RunItem runItem, NetworkItem candidate, NetworkItem baseline) {
    RunId runId = new RunId(runItem.getRun());
    quotas.takeRatingTask(contributor, Instant.now());
    int games = config.rating().gamesPerTask();
    // The candidate's stage: it may have moved the curriculum on (a larger board).
    Settings settings = settings(runItem, candidate, false);
    RatingTasks.Assigned assigned =
        ratingTasks.assign(
            runId.value(),
            contributor.value(),
            candidate.getName(),
            baseline.getName(),
            games,
            settings.boardSize(),
            settings.rules(),
            settings.komi());
    List<RatingGame> list = new ArrayList<>();
    for (int i = 0; i < games; i++) {
      list.add(
          new RatingGame(
              RatingTasks.gameId(assigned.taskId(), i),
              String.valueOf(assigned.colors().charAt(i))));
    }
    return new Task(
        TaskKind.RATING,
        runId.value(),
        reference(runId, candidate),
        new Settings(
            settings.boardSize(),
            settings.visits(),
            settings.komi(),
            settings.rules(),
            games,
            "none",
            null),
        null,
        reference(runId, baseline),
        new RatingWork(assigned.taskId(), list));
  }

  /**
   * The settings of a task with {@code network} at its curriculum stage: on the stage's own board
   * size, or with {@code drawSize} on one of its sizes drawn evenly.
   */
  private Settings settings(RunItem runItem, NetworkItem network, boolean drawSize) {
    Curriculum.Stage stage = Curriculum.parse(runItem.getCurriculum()).stageAt(network.getSteps());
    return new Settings(
        drawSize ? stage.drawBoardSize(ThreadLocalRandom.current()) : stage.boardSize(),
        stage.visits(),
        runItem.getKomi(),
        runItem.getRules(),
        runItem.getGamesPerBatch(),
        runItem.getSelfPlayVariety() == null ? "none" : runItem.getSelfPlayVariety(),
        runItem.getSelfPlaySearch() == null ? "katago" : runItem.getSelfPlaySearch());
  }

  private NetworkRef reference(RunId runId, NetworkItem network) {
    String key = StorageLayout.network(runId, NetworkName.parse(network.getName()));
    String url =
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(config.upload().expiry())
                        .getObjectRequest(g -> g.bucket(config.bucket()).key(key)))
            .url()
            .toString();
    return new NetworkRef(network.getName(), url, network.getBytes(), network.getSha256());
  }

  /**
   * A fresh upload URL for a pending upload of the caller's, for a worker whose batch outlived its
   * URL (a long outage, a restart): the same upload id and key, a new expiry.
   */
  public UploadTarget renewUpload(ContributorId contributor, String uploadIdText) {
    UploadId uploadId = new UploadId(uploadIdText);
    quotas.takeRenewal(contributor, Instant.now());
    UploadItem item =
        uploads
            .get(uploadId.value())
            .orElseThrow(
                () -> new ApiException(ErrorCode.UPLOAD_UNKNOWN, "no upload '" + uploadId + "'"));
    if (!item.getContributor().equals(contributor.value())) {
      throw new ApiException(
          ErrorCode.UPLOAD_NOT_YOURS, "upload " + uploadId + " belongs to another contributor");
    }
    if (!UploadStatus.PENDING.name().equals(item.getStatus())) {
      throw new ApiException(
          ErrorCode.UPLOAD_FINISHED,
          "upload " + uploadId + " was confirmed already: " + item.getStatus(),
          java.util.Map.of("outcome", item.getStatus()));
    }
    Instant expires = Instant.now().plus(config.upload().expiry());
    item.setExpiresAt(expires.plus(Duration.ofDays(1)).getEpochSecond());
    uploads.extend(item);
    String key = StorageLayout.incoming(contributor, uploadId);
    String url = presignedPut(key);
    return new UploadTarget(
        uploadId.value(), url, expires.toString(), config.upload().maxCompressedBytes());
  }

  /**
   * A presigned PUT of {@code key} that cannot overwrite: {@code If-None-Match: *} is a signed
   * header, so the worker must send it and S3 refuses a second object under the key (412). What a
   * confirm checked is then the only object there ever was.
   */
  private String presignedPut(String key) {
    return presigner
        .presignPutObject(
            p ->
                p.signatureDuration(config.upload().expiry())
                    .putObjectRequest(o -> o.bucket(config.bucket()).key(key).ifNoneMatch("*")))
        .url()
        .toString();
  }
}
