package org.tengen.core.api;

import java.util.List;

/** The training job's calls: registerNetwork and trainingExclusions. */
public final class NetworkApi {

  private NetworkApi() {}

  /**
   * A network whose file is in S3 under its key; {@code steps}, the optimizer steps behind it, is
   * null when the trainer does not say.
   */
  public record RegisterNetworkRequest(
      String run, String name, String sha256, long bytes, String parent, Long steps) {}

  /** A network as the API shows it. */
  public record NetworkView(
      String run,
      String name,
      NetworkStatus status,
      String sha256,
      long bytes,
      long samples,
      long rows,
      long steps) {}

  public record RunRequest(String run) {}

  /** Whose shards the training job leaves out: disabled contributors and networks. */
  public record Exclusions(String run, List<String> contributors, List<String> networks) {}
}
