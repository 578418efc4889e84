package org.tengen.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tengen.core.storage.RunId;

/**
 * The job's hyperparameters, as SageMaker writes them to {@code hyperparameters.json}: every value
 * a string. Unknown names are warned about; a bad value is an error naming it.
 *
 * @param run the run whose games are learnt from; the exported network's name starts with it
 * @param architecture {@code b{blocks}c{channels}} of a network started from scratch
 * @param steps optimizer steps this job takes
 * @param batchSize positions per step (the seed's 256)
 * @param learningRate Adam's step size (the seed's 1e-4)
 * @param numGames the newest this many games form the window (the seed's 100000)
 * @param windowRows when above 0, the window in rows instead of games
 * @param window "fixed" (numGames or windowRows) or "katago" (grows with the data as KataGo's does:
 *     c·(1 + β((N/c)^α − 1)/α) rows with c = 250000, α = 0.75, β = 0.4)
 * @param holdoutPercent share of shards (by a hash of their name) kept out of training
 * @param checkpointEvery steps between checkpoints (and held-out losses)
 * @param loss "seed" (policy CE, value MSE, 0.5·score MSE, 0.5·ownership MSE) or "katago" (value as
 *     win/loss/draw CE, ownership as binary CE, Huber on score)
 * @param seed fixes the data order, the symmetries and a new network's weights
 * @param logEvery steps between progress lines
 * @param dataRows rows of data in the run so far (the backend's count), for the exported name's
 *     {@code d}; 0 counts the rows the data channel holds
 * @param s3Bucket the deployment's bucket: when set, the network goes to networks/{run}/ there
 * @param s3Endpoint an S3 endpoint other than AWS's (the local cloud)
 * @param awsRegion the bucket's region
 * @param s3TrainPrefix when set, shards are read from this prefix instead of the train channel
 * @param backendUrl when set (with s3Bucket), the network is registered there
 * @param continueFromLatest start from the newest network under networks/{run}/ in the bucket (most
 *     samples), when the model channel brings none
 * @param trainerKeySecret a Secrets Manager secret holding the trainer key, when TENGEN_TRAINER_KEY
 *     is not set
 * @param carryOptimizer carry Adam's moments and step (and the weight average) on from the job that
 *     made the network this job starts from, when its state is found (default true)
 * @param emaDecay when above 0, the exported network is this exponential moving average of the
 *     weights (per step, e.g. 0.999), carried across jobs; training goes on from the last weights
 * @param policySurprise the share of each policy row's weight given by its surprise (KataGo's
 *     policy surprise weighting; 0 off, 1 all of it; see Losses)
 * @param opponentPolicyWeight the weight of the auxiliary opponent-policy term (KataGo's 0.15; 0
 *     leaves the head untrained)
 * @param warmupSteps the learning rate rises linearly over the run's first this many optimizer
 *     steps (counted over every job of the lineage; 0: no warm-up)
 * @param lrHalvingSteps the learning rate halves every this many optimizer steps of the lineage, an
 *     exponential decay from its first step (0: none)
 * @param device auto (a GPU when libtorch has CUDA), cpu, gpu or gpu(N); the command line's {@code
 *     --device}, when given, wins
 */
public record Hyperparameters(
    String run,
    String architecture,
    int steps,
    int batchSize,
    double learningRate,
    int numGames,
    long windowRows,
    String window,
    double holdoutPercent,
    int checkpointEvery,
    String loss,
    long seed,
    int logEvery,
    long dataRows,
    String s3Bucket,
    String s3Endpoint,
    String awsRegion,
    String s3TrainPrefix,
    String backendUrl,
    boolean continueFromLatest,
    String trainerKeySecret,
    boolean carryOptimizer,
    double emaDecay,
    long warmupSteps,
    long lrHalvingSteps,
    double policySurprise,
    double opponentPolicyWeight,
    String device,
    List<String> warnings) {

  private static final Set<String> NAMES =
      Set.of(
          "run",
          "architecture",
          "steps",
          "batch_size",
          "learning_rate",
          "num_games",
          "window_rows",
          "window",
          "holdout_percent",
          "checkpoint_every",
          "loss",
          "seed",
          "log_every",
          "data_rows",
          "s3_bucket",
          "s3_endpoint",
          "aws_region",
          "s3_train_prefix",
          "backend_url",
          "continue_from_latest",
          "trainer_key_secret",
          "carry_optimizer",
          "ema_decay",
          "warmup_steps",
          "lr_halving_steps",
          "policy_surprise",
          "opponent_policy_weight",
          "device");

  /** A hyperparameter that cannot be used: the message names it. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  public static Hyperparameters parse(Map<String, String> h) {
    List<String> warnings = new ArrayList<>();
    for (String k : h.keySet()) {
      if (!NAMES.contains(k) && !k.startsWith("sagemaker_")) {
        warnings.add("unknown hyperparameter '" + k + "' ignored");
      }
    }
    String run = h.getOrDefault("run", "kata1");
    try {
      new RunId(run);
    } catch (IllegalArgumentException e) {
      throw new Invalid("run: " + e.getMessage());
    }
    String architecture = h.getOrDefault("architecture", "b6c96");
    if (!architecture.matches("b\\d{1,2}c\\d{1,4}")) {
      throw new Invalid("architecture: '" + architecture + "' is not like b6c96");
    }
    String window = h.getOrDefault("window", "fixed").toLowerCase(Locale.ROOT);
    if (!window.equals("fixed") && !window.equals("katago")) {
      throw new Invalid("window: '" + window + "' is neither fixed nor katago");
    }
    String loss = h.getOrDefault("loss", "seed").toLowerCase(Locale.ROOT);
    if (!loss.equals("seed") && !loss.equals("katago")) {
      throw new Invalid("loss: '" + loss + "' is neither seed nor katago");
    }
    if ((h.containsKey("backend_url")
            || h.containsKey("s3_train_prefix")
            || h.containsKey("continue_from_latest"))
        && !h.containsKey("s3_bucket")) {
      throw new Invalid("backend_url, s3_train_prefix and continue_from_latest need s3_bucket");
    }
    return new Hyperparameters(
        run,
        architecture,
        integer(h, "steps", 1000, 1, Integer.MAX_VALUE),
        integer(h, "batch_size", 256, 1, 65536),
        decimal(h, "learning_rate", 1e-4, 1e-8, 1),
        integer(h, "num_games", 100_000, 1, Integer.MAX_VALUE),
        (long) decimal(h, "window_rows", 0, 0, 1e12),
        window,
        decimal(h, "holdout_percent", 5, 0, 50),
        integer(h, "checkpoint_every", 100, 1, Integer.MAX_VALUE),
        loss,
        (long) decimal(h, "seed", 1, -9e15, 9e15),
        integer(h, "log_every", 20, 1, Integer.MAX_VALUE),
        (long) decimal(h, "data_rows", 0, 0, 1e15),
        h.getOrDefault("s3_bucket", ""),
        url(h, "s3_endpoint"),
        h.getOrDefault("aws_region", "us-east-1"),
        h.getOrDefault("s3_train_prefix", ""),
        url(h, "backend_url"),
        bool(h, "continue_from_latest"),
        h.getOrDefault("trainer_key_secret", ""),
        bool(h, "carry_optimizer", "true"),
        emaDecay(h),
        integer(h, "warmup_steps", 0, 0, Integer.MAX_VALUE),
        integer(h, "lr_halving_steps", 0, 0, Integer.MAX_VALUE),
        decimal(h, "policy_surprise", 0, 0, 1),
        decimal(h, "opponent_policy_weight", 0.15, 0, 10),
        device(h),
        List.copyOf(warnings));
  }

  private static double emaDecay(Map<String, String> h) {
    double d = decimal(h, "ema_decay", 0, 0, 0.999999);
    if (d > 0 && d < 0.5) {
      throw new Invalid("ema_decay: " + d + " is 0 (off) or between 0.5 and 0.999999");
    }
    return d;
  }

  private static String device(Map<String, String> h) {
    String d = h.getOrDefault("device", "auto").strip();
    if (!org.tengen.network.device.DeviceChoice.isValidName(d)) {
      throw new Invalid("device: '" + d + "' is not auto, cpu, gpu or gpu(N)");
    }
    return d;
  }

  private static boolean bool(Map<String, String> h, String key) {
    return bool(h, key, "false");
  }

  private static boolean bool(Map<String, String> h, String key, String fallback) {
    String v = h.getOrDefault(key, fallback).strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new Invalid(key + ": '" + v + "' is not true or false");
    };
  }

  private static String url(Map<String, String> h, String key) {
    String v = h.getOrDefault(key, "");
    if (!v.isEmpty() && !v.matches("https?://\\S+")) {
      throw new Invalid(key + ": '" + v + "' is not an http(s) URL");
    }
    return v;
  }

  private static int integer(Map<String, String> h, String key, int fallback, int min, int max) {
    String v = h.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new Invalid(key + ": " + n + " is outside " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new Invalid(key + ": '" + v + "' is not a whole number");
    }
  }

  private static double decimal(
      Map<String, String> h, String key, double fallback, double min, double max) {
    String v = h.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (!(d >= min && d <= max)) {
        throw new Invalid(key + ": " + v + " is outside " + min + ".." + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new Invalid(key + ": '" + v + "' is not a number");
    }
  }

  /** The KataGo-style window in rows for a run with {@code totalRows} rows of data. */
  public static long katagoWindow(long totalRows) {
    double c = 250_000;
    double alpha = 0.75;
    double beta = 0.4;
    if (totalRows <= c) {
      return totalRows;
    }
    return (long) (c * (1 + beta * (Math.pow(totalRows / c, alpha) - 1) / alpha));
  }

  /** The learning rate of each optimizer step: the base rate, its warm-up and its decay. */
  public LearningRate learningRateSchedule() {
    return new LearningRate(learningRate, warmupSteps, lrHalvingSteps);
  }

  /** For the log: the values without the warnings list. */
  public String withoutWarnings() {
    return String.format(
        Locale.ROOT,
        "run=%s architecture=%s steps=%d batch_size=%d learning_rate=%g num_games=%d window_rows=%d"
            + " window=%s holdout_percent=%.1f checkpoint_every=%d loss=%s seed=%d"
            + " carry_optimizer=%s ema_decay=%s warmup_steps=%d lr_halving_steps=%d"
            + " policy_surprise=%s"
            + " opponent_policy_weight=%s device=%s",
        run,
        architecture,
        steps,
        batchSize,
        learningRate,
        numGames,
        windowRows,
        window,
        holdoutPercent,
        checkpointEvery,
        loss,
        seed,
        carryOptimizer,
        emaDecay,
        warmupSteps,
        lrHalvingSteps,
        policySurprise,
        opponentPolicyWeight,
        device);
  }
}
