package org.tengen.functions.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.tengen.core.curriculum.Curriculum;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.UploadId;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import org.tengen.functions.uploads.UploadItem;
import org.tengen.functions.uploads.UploadRepository;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Hands out self-play work: the network to use, the settings, and where to upload. */
@ApplicationScoped
public class TaskService {

  /** The network to download. */
  public record NetworkRef(String name, String url, long bytes, String sha256) {}

  /** Game settings from the run's curriculum. */
  public record Settings(int boardSize, int visits, double komi, String rules, int gamesPerBatch) {}

  /** Where to put the batch, and until when. */
  public record UploadTarget(String uploadId, String url, String expiresAt, long maxBytes) {}

  /** A self-play task. */
  public record Task(
      String kind, String run, NetworkRef network, Settings settings, UploadTarget upload) {}

  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject UploadRepository uploads;
  @Inject S3Presigner presigner;
  @Inject TengenConfig config;

  public Task nextTask(ContributorId contributor, String run) {
    RunId runId = new RunId(run);
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> ApiException.notFound("RUN_UNKNOWN", "no run '" + runId + "'"));
    if (!"ACTIVE".equals(runItem.getState())) {
      throw ApiException.conflict("RUN_NOT_ACTIVE", "run '" + runId + "' is " + runItem.getState());
    }
    if (runItem.getCurrentNetwork() == null) {
      throw ApiException.conflict("NO_NETWORK", "run '" + runId + "' has no network yet");
    }
    NetworkItem network =
        networks
            .get(runId.value(), runItem.getCurrentNetwork())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run "
                            + runId
                            + " names a missing network "
                            + runItem.getCurrentNetwork()));
    Curriculum.Stage stage = Curriculum.parse(runItem.getCurriculum()).stageAt(network.getSteps());
    String networkKey = StorageLayout.network(runId, NetworkName.parse(network.getName()));
    String networkUrl =
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(config.upload().expiry())
                        .getObjectRequest(g -> g.bucket(config.bucket()).key(networkKey)))
            .url()
            .toString();

    UploadId uploadId = UploadId.random();
    String uploadKey = StorageLayout.incoming(contributor, uploadId);
    Instant expires = Instant.now().plus(config.upload().expiry());
    String uploadUrl =
        presigner
            .presignPutObject(
                p ->
                    p.signatureDuration(config.upload().expiry())
                        .putObjectRequest(o -> o.bucket(config.bucket()).key(uploadKey)))
            .url()
            .toString();
    UploadItem item = new UploadItem();
    item.setUploadId(uploadId.value());
    item.setContributor(contributor.value());
    item.setRun(runId.value());
    item.setNetwork(network.getName());
    item.setBoardSize(stage.boardSize());
    item.setStatus("PENDING");
    item.setCreatedAt(Instant.now().toString());
    // Kept a day past the URL's expiry, as the incoming/ objects are (storage lifecycle).
    item.setExpiresAt(expires.plus(Duration.ofDays(1)).getEpochSecond());
    uploads.create(item);
    return new Task(
        "selfplay",
        runId.value(),
        new NetworkRef(network.getName(), networkUrl, network.getBytes(), network.getSha256()),
        new Settings(
            stage.boardSize(),
            stage.visits(),
            runItem.getKomi(),
            runItem.getRules(),
            runItem.getGamesPerBatch()),
        new UploadTarget(
            uploadId.value(), uploadUrl, expires.toString(), config.upload().maxCompressedBytes()));
  }
}
