package org.tengen.training;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The training container's entry point, as SageMaker calls it: {@code train}. Paths default to
 * {@code /opt/ml}; {@code --ml-root DIR} runs the same job on a local folder of the same layout. On
 * failure the reason goes to {@code output/failure} and the exit code is non-zero (2 for bad
 * hyperparameters, 1 for anything else).
 */
public final class TrainMain {

  private TrainMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.getenv()));
  }

  static int run(String[] args, PrintStream out) {
    return run(args, out, System.getenv());
  }

  /** The options SageMaker and {@code tengen train} pass. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Reads DIR/input/config/hyperparameters.json and the shards in DIR/input/data/train,"
            + " starts from DIR/input/data/model/*.bin.gz if given, checkpoints to"
            + " DIR/checkpoints, writes the network to DIR/model (DIR is /opt/ml in SageMaker)."
      })
  static final class Options {
    @Parameters(
        index = "0",
        arity = "0..1",
        description = "train (what SageMaker passes; optional)",
        hidden = true)
    String verb;

    @Option(
        names = "--ml-root",
        paramLabel = "DIR",
        description = "the SageMaker folder layout's root (default: /opt/ml)")
    Path root = MlPaths.SAGEMAKER;

    @Option(
        names = "--device",
        paramLabel = "DEVICE",
        description =
            "auto, cpu, gpu or gpu(N); when not given, the device hyperparameter (default auto: a"
                + " GPU when libtorch has CUDA)")
    String device;
  }

  static int run(String[] args, PrintStream out, java.util.Map<String, String> env) {
    Options options = new Options();
    CommandLine cl = new CommandLine(options).setOut(new java.io.PrintWriter(out, true));
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      out.println("train: " + e.getMessage() + " (see --help)");
      return 2;
    }
    if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
      cl.usage(out);
      return 0;
    }
    if (options.verb != null && !options.verb.equals("train")) {
      out.println("train: unknown argument '" + options.verb + "' (see --help)");
      return 2;
    }
    Path root = options.root;
    String device = options.device;
    MlPaths paths = new MlPaths(root);
    try {
      Hyperparameters h =
          Hyperparameters.parse(TrainingJob.readHyperparameters(paths.hyperparameters()));
      org.tengen.network.device.DeviceChoice choice =
          org.tengen.network.device.DeviceChoice.of(device != null ? device : h.device());
      Device d = choice.device();
      out.println("train: on " + choice + ", hyperparameters " + h.withoutWarnings());
      java.util.function.Consumer<String> log = line -> out.println(stamp() + " " + line);
      java.util.Optional<Publisher> publisher = Publisher.from(h, env, log);
      try {
        if (!h.s3TrainPrefix().isEmpty()) {
          publisher.orElseThrow().fetchShards(h.s3TrainPrefix(), paths.channel("train"), h);
        }
        boolean modelGiven;
        try (var files =
            java.nio.file.Files.isDirectory(paths.initialModel())
                ? java.nio.file.Files.list(paths.initialModel())
                : java.util.stream.Stream.<java.nio.file.Path>empty()) {
          modelGiven = files.anyMatch(p -> p.toString().endsWith(".bin.gz"));
        }
        if (h.continueFromLatest() && !modelGiven) {
          publisher
              .orElseThrow()
              .fetchLatestNetwork(h.run(), paths.initialModel(), paths.initialState());
        }
        TrainingJob.Result r = new TrainingJob(paths, h, d, log).run();
        if (publisher.isPresent()) {
          publisher
              .get()
              .publish(r.model(), r.name(), r.sha256(), r.parent(), r.steps(), r.optimizerState());
        }
        out.println("train: done, " + r.name());
        return 0;
      } finally {
        publisher.ifPresent(Publisher::close);
      }
    } catch (Hyperparameters.Invalid e) {
      fail(paths, "invalid hyperparameter: " + e.getMessage(), out);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(paths, "interrupted", out);
      return 1;
    } catch (IOException | RuntimeException e) {
      fail(paths, e.getMessage() == null ? e.toString() : e.getMessage(), out);
      if (System.getenv("TENGEN_DEBUG") != null) {
        e.printStackTrace(out);
      }
      return 1;
    }
  }

  private static void fail(MlPaths paths, String reason, PrintStream out) {
    out.println("train: failed: " + reason);
    try {
      Files.createDirectories(paths.failure().getParent());
      Files.writeString(paths.failure(), reason + "\n");
    } catch (IOException e) {
      out.println("train: cannot write " + paths.failure() + ": " + e.getMessage());
    }
  }

  private static String stamp() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
