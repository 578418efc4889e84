package org.tengen.functions.networks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkApi.NetworkView;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Registering networks the training job uploaded. */
@ApplicationScoped
public class NetworkService {

  private static final Logger LOG = Logger.getLogger(NetworkService.class);

  /** The seed's training batch: steps = samples / 256 when the trainer does not say. */
  static final long SEED_BATCH = 256;

  /** A network as the API shows it. */
  public static NetworkView view(NetworkItem i) {
    return new NetworkView(
        i.getRun(),
        i.getName(),
        NetworkStatus.valueOf(i.getStatus()),
        i.getSha256(),
        i.getBytes(),
        i.getSamples(),
        i.getRows(),
        i.getSteps());
  }

  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject S3Client s3;
  @Inject org.tengen.functions.publicpages.PublicPages publicPages;
  @Inject TengenConfig config;

  /**
   * The optimizer steps behind a network: the job's steps on top of its parent's, the total the
   * trainer gives, or (neither given) samples over the seed's batch, right only at batch 256.
   */
  private long steps(RunId run, NetworkName name, RegisterNetworkRequest r) {
    if (r.jobSteps() != null) {
      if (r.jobSteps() < 0) {
        throw new IllegalArgumentException("jobSteps must not be negative");
      }
      long parentSteps =
          r.parent() == null
              ? 0
              : networks
                  .get(run.value(), r.parent())
                  .map(NetworkItem::getSteps)
                  .orElseThrow(
                      () ->
                          new ApiException(
                              ErrorCode.NETWORK_UNKNOWN,
                              "parent " + r.parent() + " is not a network of run " + run));
      return parentSteps + r.jobSteps();
    }
    if (r.steps() != null) {
      if (r.steps() < 0) {
        throw new IllegalArgumentException("steps must not be negative");
      }
      return r.steps();
    }
    return name.samples() / SEED_BATCH;
  }

  /**
   * Registers a network whose file is already in S3 under its key; the first network of a run is
   * released at once (there is nothing to rate it against), later ones become candidates.
   */
  public NetworkView register(RegisterNetworkRequest r) {
    RunId runId = new RunId(r.run());
    String name = r.name();
    String sha256 = r.sha256();
    long bytes = r.bytes();
    String parent = r.parent();
    NetworkName networkName = NetworkName.parse(name);
    if (sha256 == null || !sha256.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
      throw new ApiException(ErrorCode.SHA256_INVALID, "sha256 must be 64 hex digits");
    }
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> new ApiException(ErrorCode.RUN_UNKNOWN, "no run '" + runId + "'"));
    String key = StorageLayout.network(runId, networkName);
    HeadObjectResponse head;
    try {
      head = s3.headObject(h -> h.bucket(config.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      throw new ApiException(
          ErrorCode.NETWORK_FILE_MISSING, "upload the network to " + key + " first");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new ApiException(
            ErrorCode.NETWORK_FILE_MISSING, "upload the network to " + key + " first");
      }
      throw e;
    }
    if (head.contentLength() != bytes) {
      throw new ApiException(
          ErrorCode.NETWORK_SIZE_MISMATCH,
          key + " holds " + head.contentLength() + " bytes, not " + bytes);
    }
    NetworkItem item = new NetworkItem();
    item.setRun(runId.value());
    item.setName(networkName.toString());
    item.setSha256(sha256.toLowerCase(Locale.ROOT));
    item.setBytes(bytes);
    item.setParent(parent);
    item.setSamples(networkName.samples());
    item.setRows(networkName.rows());
    item.setSteps(steps(runId, networkName, r));
    item.setCreatedAt(Instant.now().toString());
    item.setStatus(NetworkStatus.CANDIDATE.name());
    networks.create(item);
    if (runItem.getCurrentNetwork() == null) {
      // Move the run first (a versioned write: of two concurrent first registrations one loses
      // and its network simply stays a candidate), then mark the network released.
      runItem.setCurrentNetwork(item.getName());
      runs.update(runItem);
      // Re-read: the versioning extension wrote version 1 but leaves the object as it was.
      item = networks.get(item.getRun(), item.getName()).orElseThrow();
      item.setStatus(NetworkStatus.RELEASED.name());
      item.setDecision("the run's first network");
      networks.update(item);
    }
    LOG.infof("registered %s for run %s as %s", item.getName(), runId, item.getStatus());
    publicPages.publishNow(runId.value());
    return view(item);
  }
}
