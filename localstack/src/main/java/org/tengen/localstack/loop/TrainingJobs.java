package org.tengen.localstack.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.localstack.LocalCloud;

/**
 * Runs the training job as SageMaker would: a folder {@code training/job-NNN} in SageMaker's {@code
 * /opt/ml} layout with its hyperparameters, the job as its own process reading shards from the
 * local cloud's S3 and registering its network with the functions.
 */
final class TrainingJobs {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A training job's progress line: step, total loss, policy loss. */
  private static final Pattern STEP =
      Pattern.compile("step (\\d+/\\d+) .*\\| loss ([0-9.]+) = policy ([0-9.]+)");

  private final LoopOptions o;
  private final Programs programs;

  TrainingJobs(LoopOptions o, Programs programs) {
    this.o = o;
    this.programs = programs;
  }

  /** Job {@code job}'s folder. */
  Path folder(int job) {
    return o.data().resolve("training/job-" + String.format("%03d", job));
  }

  private static final Pattern JOB_FOLDER = Pattern.compile("job-(\\d+)");

  /**
   * The number of the next job: one above the highest job folder in the data folder, so that a run
   * that continues an earlier one never reuses a folder. A reused folder still holds its old job's
   * initial model, which the training job takes as given, so a continued run's first jobs trained
   * again from that old network (the run's first, for job 1) and released the results.
   */
  int nextJob() throws IOException {
    Path training = o.data().resolve("training");
    if (!Files.isDirectory(training)) {
      return 1;
    }
    int highest = 0;
    try (var folders = Files.list(training)) {
      for (Path f : (Iterable<Path>) folders::iterator) {
        Matcher m = JOB_FOLDER.matcher(f.getFileName().toString());
        if (m.matches() && Files.isDirectory(f)) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    return highest + 1;
  }

  /**
   * The hyperparameters of job {@code job} on {@code positions} positions, {@code newPositions} of
   * them new since the last job.
   */
  Map<String, String> hyperparameters(
      int job, long positions, long newPositions, LocalCloud cloud, URI functions) {
    int steps = o.stepsFor(newPositions);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("run", LoopSetup.RUN);
    h.put("architecture", o.net());
    h.put("steps", Integer.toString(steps));
    h.put("batch_size", Integer.toString(LoopOptions.BATCH));
    h.put("learning_rate", "0.001");
    h.put("window_rows", "200000");
    h.put("checkpoint_every", Integer.toString(Math.max(50, steps / 4)));
    h.put("log_every", "50");
    h.put("seed", Integer.toString(job));
    h.put("data_rows", Long.toString(positions));
    h.put("s3_bucket", cloud.bucket());
    h.put("s3_endpoint", cloud.s3Endpoint().toString());
    h.put("s3_train_prefix", StorageLayout.trainingData(new RunId(LoopSetup.RUN)));
    h.put("continue_from_latest", "true");
    h.putAll(learning(o));
    h.put("backend_url", functions.toString());
    return h;
  }

  /**
   * The training hyperparameters the loop's options set beyond steps and data (the weight average,
   * the warm-up, policy surprise, and what {@code --train} gives); none at their defaults.
   */
  static Map<String, String> learning(LoopOptions o) {
    Map<String, String> h = new LinkedHashMap<>();
    if (o.emaDecay() > 0) {
      h.put("ema_decay", Double.toString(o.emaDecay()));
    }
    if (o.warmupSteps() > 0) {
      h.put("warmup_steps", Integer.toString(o.warmupSteps()));
    }
    if (o.policySurprise() > 0) {
      h.put("policy_surprise", Double.toString(o.policySurprise()));
    }
    h.putAll(new java.util.TreeMap<>(o.training()));
    return h;
  }

  /** Runs job {@code job} to its end; its exit code (0: a candidate was registered). */
  int run(
      int job,
      long positions,
      long newPositions,
      LocalCloud cloud,
      URI functions,
      String trainerKey)
      throws IOException, InterruptedException {
    Path ml = folder(job);
    if (Files.exists(ml)) {
      throw new IllegalStateException(ml + " exists: a job never reuses another's folder");
    }
    Files.createDirectories(ml.resolve("input/config"));
    Files.writeString(
        ml.resolve("input/config/hyperparameters.json"),
        JSON.writeValueAsString(hyperparameters(job, positions, newPositions, cloud, functions)));
    return programs.run(
        Programs.TRAINING_JOB,
        List.of("train", "--ml-root", ml.toString(), "--device", "cpu"),
        // One thread even when paced: at batch 64 of b2c32 a second one does not pay (13 steps/s
        // with two alone against 12-22 with one beside a worker), and while the workers run the
        // two spin against them (2-3 steps/s).
        List.of("-Dai.djl.pytorch.num_threads=1"),
        log(job),
        Map.of(
            "TENGEN_TRAINER_KEY",
            trainerKey,
            "AWS_ACCESS_KEY_ID",
            LocalCloud.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY",
            LocalCloud.SECRET_KEY,
            "AWS_REGION",
            "us-east-1"));
  }

  Path log(int job) {
    return folder(job).resolve("train.log");
  }

  /** The job's last logged step and loss, from its log; "starting" before the first. */
  static String progress(List<String> logLines) {
    for (int i = logLines.size() - 1; i >= 0; i--) {
      Matcher m = STEP.matcher(logLines.get(i));
      if (m.find()) {
        return "step " + m.group(1) + ", loss " + m.group(2) + " (policy " + m.group(3) + ")";
      }
    }
    return "starting";
  }
}
