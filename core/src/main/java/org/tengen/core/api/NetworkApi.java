package org.tengen.core.api;

import java.util.List;

/** The training job's calls: registerNetwork and trainingExclusions. */
public final class NetworkApi {

  private NetworkApi() {}

  /**
   * A network whose file is in S3 under its key. The optimizer steps behind it (what the curriculum
   * and the release milestone read): {@code jobSteps}, the steps of the job that trained it from
   * {@code parent}, added to the parent's; or {@code steps}, the total; or, when the trainer gives
   * neither, its samples over the seed's batch of 256.
   */
  public record RegisterNetworkRequest(
      String run,
      String name,
      String sha256,
      long bytes,
      String parent,
      Long steps,
      Long jobSteps) {

    /** A network trained from {@code parent} by a job of {@code jobSteps} optimizer steps. */
    public static RegisterNetworkRequest trained(
        String run, String name, String sha256, long bytes, String parent, long jobSteps) {
      return new RegisterNetworkRequest(run, name, sha256, bytes, parent, null, jobSteps);
    }

    /** A first network: no parent, no training. */
    public static RegisterNetworkRequest first(String run, String name, String sha256, long bytes) {
      return new RegisterNetworkRequest(run, name, sha256, bytes, null, 0L, null);
    }
  }

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
