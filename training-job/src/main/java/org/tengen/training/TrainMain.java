package org.tengen.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The training container's entry point, as SageMaker calls it: {@code train}. Paths default to
 * {@code /opt/ml}; {@code --ml-root DIR} runs the same job on a local folder of the same layout. On
 * failure the reason goes to {@code output/failure} and the exit code is non-zero (2 for bad
 * hyperparameters, 1 for anything else).
 */
public final class TrainMain {

  private TrainMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    Path root = MlPaths.SAGEMAKER;
    String device = "auto";
    int i = 0;
    if (i < args.length && args[i].equals("train")) {
      i++;
    }
    for (; i < args.length; i++) {
      switch (args[i]) {
        case "--ml-root" -> {
          if (++i >= args.length) {
            out.println("train: --ml-root needs a folder");
            return 2;
          }
          root = Path.of(args[i]);
        }
        case "--device" -> {
          if (++i >= args.length) {
            out.println("train: --device needs cpu, gpu or auto");
            return 2;
          }
          device = args[i];
        }
        case "--help", "-h" -> {
          out.println(
              "usage: train [--ml-root DIR] [--device auto|cpu|gpu]\n"
                  + "  reads DIR/input/config/hyperparameters.json and the shards in"
                  + " DIR/input/data/train,\n"
                  + "  starts from DIR/input/data/model/*.bin.gz if given, checkpoints to"
                  + " DIR/checkpoints,\n"
                  + "  writes the network to DIR/model (DIR is /opt/ml in SageMaker)");
          return 0;
        }
        default -> {
          out.println("train: unknown argument '" + args[i] + "' (see --help)");
          return 2;
        }
      }
    }
    MlPaths paths = new MlPaths(root);
    try {
      Hyperparameters h =
          Hyperparameters.parse(TrainingJob.readHyperparameters(paths.hyperparameters()));
      Device d =
          device.equals("auto")
              ? (Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu())
              : Device.fromName(device);
      out.println("train: on " + d + ", hyperparameters " + h.withoutWarnings());
      TrainingJob.Result r =
          new TrainingJob(paths, h, d, line -> out.println(stamp() + " " + line)).run();
      out.println("train: done, " + r.name());
      return 0;
    } catch (Hyperparameters.Invalid e) {
      fail(paths, "invalid hyperparameter: " + e.getMessage(), out);
      return 2;
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
