package org.tengen.localstack.loop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repository's built programs that the loop starts as processes of their own: the worker and
 * the training job, each from its module's jar and {@code target/lib}, with libtorch from the jar
 * (DJL offline) and the thread counts the loop gives them.
 */
final class Programs {

  /** A program: its module, artifact and main class. */
  record Program(String module, String artifact, String mainClass) {}

  static final Program WORKER =
      new Program("gpu-worker-image", "tengen-gpu-worker", "org.tengen.worker.cli.WorkerCli");
  static final Program TRAINING_JOB =
      new Program("training-job", "tengen-training-job", "org.tengen.training.TrainMain");

  private final Path root;

  Programs(Path root) {
    this.root = root;
  }

  /** The command line: java, the JVM options, the class path and main class, the arguments. */
  List<String> command(Program p, List<String> args, List<String> jvmOptions) {
    Path target = root.resolve(p.module()).resolve("target");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    // The Vector API (an incubator module in Java 17) for the worker's CPU engine.
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.addAll(jvmOptions);
    command.add("-cp");
    // Jars are named by artifact alone (the root pom's finalName).
    command.add(
        target.resolve(p.artifact() + ".jar") + File.pathSeparator + target.resolve("lib") + "/*");
    command.add(p.mainClass());
    command.addAll(args);
    return command;
  }

  /** Starts the program with its output appended to {@code log}. */
  Process start(
      Program p, List<String> args, List<String> jvmOptions, Path log, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(p, args, jvmOptions));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /**
   * Runs the program in this terminal: its standard output is this process's, its error output too,
   * less the lines libtorch prints on every CPU run that tell a user nothing ({@link #NOISE}).
   * Returns its exit code.
   */
  int runInTerminal(Program p, List<String> args, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command(p, args, jvmOptions))
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    Thread errors =
        new Thread(
            () -> {
              try (var in =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(
                          process.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (NOISE.stream().noneMatch(line::contains)) {
                    System.err.println(line);
                  }
                }
              } catch (IOException e) {
                // the program ended
              }
            },
            "program-stderr");
    errors.start();
    int code = process.waitFor();
    errors.join();
    return code;
  }

  /**
   * CPU libtorch 2.7.1 warns "Could not initialize NNPACK" on every convolution of a batch of 16 or
   * more on CPUs NNPACK does not support, and once about AutoNonVariableTypeMode (DJL's inference
   * guard).
   */
  static final List<String> NOISE =
      List.of("Could not initialize NNPACK", "AutoNonVariableTypeMode is deprecated");

  /**
   * Runs the program to its end; its exit code. Interrupted, it stops the program (SIGTERM, then
   * SIGKILL after 30 s) before it returns, so that nothing it started outlives the caller.
   */
  int run(Program p, List<String> args, List<String> jvmOptions, Path log, Map<String, String> env)
      throws IOException, InterruptedException {
    Process process = start(p, args, jvmOptions, log, env);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      throw e;
    }
  }
}
