package org.tengen.core.api;

/** The admin's functions: runs, contributors, disabling. */
public final class AdminApi {

  private AdminApi() {}

  /** createRun's input; absent fields take the defaults (docs/architecture.md). */
  public record CreateRunRequest(
      String run,
      String curriculum,
      String rules,
      Double komi,
      Integer gamesPerBatch,
      String releasePolicy,
      String selfPlayVariety,
      String selfPlaySearch) {
    /** A run with every setting at its default. */
    public static CreateRunRequest named(String run) {
      return new CreateRunRequest(run, null, null, null, null, null, null, null);
    }
  }

  /** A run as the API shows it. */
  public record RunView(
      String run,
      String curriculum,
      String rules,
      double komi,
      int gamesPerBatch,
      String selfPlayVariety,
      String selfPlaySearch,
      String state,
      String currentNetwork,
      long shards) {}

  public record ContributorRequest(String contributor) {}

  /** A contributor as the API shows it (never the key or its hash). */
  public record ContributorView(String contributor, boolean enabled, String createdAt) {}

  /** The answer to creating a contributor: the key, shown this once. */
  public record CreatedContributor(String contributor, String key) {}

  public record NetworkRequest(String run, String name) {}

  /** A network as the disable answer shows it. */
  public record DisabledNetwork(String run, String name, NetworkStatus status, boolean enabled) {}
}
