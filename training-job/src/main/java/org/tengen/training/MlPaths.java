package org.tengen.training;

import java.nio.file.Path;

/**
 * The SageMaker container's folders, under {@code /opt/ml} in SageMaker and under any folder for a
 * local run ({@code --ml-root}).
 */
public record MlPaths(Path root) {

  public static final Path SAGEMAKER = Path.of("/opt/ml");

  public Path hyperparameters() {
    return root.resolve("input/config/hyperparameters.json");
  }

  /** A data channel: SageMaker copies the channel's S3 prefix here before the job starts. */
  public Path channel(String name) {
    return root.resolve("input/data").resolve(name);
  }

  /** The initial network, when one is given: the channel "model" holds its .bin.gz. */
  public Path initialModel() {
    return channel("model");
  }

  /**
   * The optimizer state of the job that made the initial network, when there is one: the channel
   * "state" holds its {@code {network}.state.gz}.
   */
  public Path initialState() {
    return channel("state");
  }

  public Path model() {
    return root.resolve("model");
  }

  /** Kept across spot restarts: SageMaker syncs it with S3. */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path failure() {
    return root.resolve("output/failure");
  }

  /** Further outputs (the loss curve's data). */
  public Path outputData() {
    return root.resolve("output/data");
  }
}
