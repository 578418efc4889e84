package org.tengen.infrastructure;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A deployment's settings, from CDK context ({@code cdk.json} or {@code -c key=value}): nothing in
 * code changes between dev and prod or between runs.
 *
 * @param environment dev or prod; prod turns on deletion protection and retains data on teardown
 * @param prefix names of the bucket's and tables' deployment, e.g. tengen-dev
 * @param functionsZip the Lambda package ({@code ./tengen lambda} builds it)
 * @param lambdaMemoryMb the function's memory (CPU scales with it)
 * @param lambdaTimeoutSeconds the function's timeout
 * @param contributorRateLimit requests per second per contributor route, all clients together
 *     (burst twice that)
 * @param adminRateLimit requests per second per admin and trainer route
 * @param keyRequestsPerFiveMinutes the edge's limit per bearer key (WAF, at least 10)
 * @param addressRequestsPerFiveMinutes the edge's limit per client address (WAF, at least 10)
 * @param run the run the scheduled training learns for
 * @param keepImages images each ECR repository keeps
 * @param trainingInstanceType SageMaker instance type, e.g. ml.g5.xlarge
 * @param trainingSchedule how often to look for enough new data (an EventBridge Scheduler
 *     expression, e.g. rate(6 hours))
 * @param minNewRows new positions since the last training that start the next one
 * @param trainingSteps optimizer steps per training job
 * @param trainingMaxHours the job's time limit (spot training waits up to twice that)
 * @param curriculum the run's curriculum when createRun gives none (board sizes and visits by
 *     training step; empty: the seed's)
 * @param releasePolicy the release rule when createRun gives none (empty: SPRT)
 */
public record DeploymentConfig(
    String environment,
    String prefix,
    Path functionsZip,
    int lambdaMemoryMb,
    int lambdaTimeoutSeconds,
    double contributorRateLimit,
    double adminRateLimit,
    long keyRequestsPerFiveMinutes,
    long addressRequestsPerFiveMinutes,
    String run,
    int keepImages,
    String trainingInstanceType,
    String trainingSchedule,
    long minNewRows,
    int trainingSteps,
    int trainingMaxHours,
    String curriculum,
    String releasePolicy) {

  public DeploymentConfig {
    if (!environment.equals("dev") && !environment.equals("prod")) {
      throw new IllegalArgumentException(
          "environment must be dev or prod, not '" + environment + "'");
    }
    if (!prefix.matches("[a-z][a-z0-9-]{2,40}")) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' must be 3-41 of [a-z0-9-], starting with a letter");
    }
    if (lambdaMemoryMb < 512 || lambdaMemoryMb > 10240) {
      throw new IllegalArgumentException("lambdaMemoryMb must be 512..10240");
    }
    if (lambdaTimeoutSeconds < 3 || lambdaTimeoutSeconds > 29) {
      throw new IllegalArgumentException(
          "lambdaTimeoutSeconds must be 3..29 (API Gateway's HTTP API waits 30 s at most)");
    }
    try {
      org.tengen.core.storage.RunId.forNewRun(run);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("context 'run': " + e.getMessage(), e);
    }
    if (!trainingInstanceType.matches("ml\\.[a-z0-9]+\\.[a-z0-9]+")) {
      throw new IllegalArgumentException(
          "trainingInstanceType '" + trainingInstanceType + "' is not like ml.g5.xlarge");
    }
    if (!trainingSchedule.matches("(rate|cron)\\(.+\\)")) {
      throw new IllegalArgumentException("trainingSchedule must be rate(...) or cron(...)");
    }
    if (!curriculum.isEmpty()) {
      org.tengen.core.curriculum.Curriculum.parse(curriculum); // a bad one fails the synth
    }
    if (!releasePolicy.isEmpty()) {
      org.tengen.core.rating.ReleasePolicy.parse(releasePolicy);
    }
    if (minNewRows < 1 || minNewRows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("minNewRows must be 1..2^31-1");
    }
    for (long limit : new long[] {keyRequestsPerFiveMinutes, addressRequestsPerFiveMinutes}) {
      if (limit < 10 || limit > 2_000_000_000L) {
        throw new IllegalArgumentException(
            "keyRequestsPerFiveMinutes and addressRequestsPerFiveMinutes must be 10..2e9 (WAF)");
      }
    }
  }

  public boolean production() {
    return environment.equals("prod");
  }

  /** From context values (strings), with the defaults of a dev deployment. */
  public static DeploymentConfig from(Function<String, Object> context) {
    Map<String, String> defaults = new java.util.HashMap<>();
    defaults.put("environment", "dev");
    defaults.put("functionsZip", "../functions/target/function.zip");
    defaults.put("lambdaMemoryMb", "2048");
    defaults.put("lambdaTimeoutSeconds", "29");
    defaults.put("contributorRateLimit", "50");
    defaults.put("adminRateLimit", "5");
    defaults.put("keyRequestsPerFiveMinutes", "1500");
    defaults.put("addressRequestsPerFiveMinutes", "6000");
    defaults.put("run", "kata1");
    defaults.put("keepImages", "10");
    defaults.put("trainingInstanceType", "ml.g5.xlarge");
    defaults.put("trainingSchedule", "rate(6 hours)");
    defaults.put("minNewRows", "250000");
    defaults.put("trainingSteps", "10000");
    defaults.put("trainingMaxHours", "12");
    defaults.put("curriculum", "");
    defaults.put("releasePolicy", "");
    Function<String, String> get =
        k -> {
          Object v = context.apply(k);
          return v == null ? defaults.get(k) : v.toString();
        };
    if (context.apply("selfPlayFleetMaxVcpus") != null) {
      throw new IllegalArgumentException(
          "context 'selfPlayFleetMaxVcpus': the AWS Batch self-play fleet was removed (nothing"
              + " submitted its jobs); run the worker image with a contributor key instead"
              + " (docs/deploy.md)");
    }
    for (String gone : new String[] {"adminKeySha256", "trainerKeySha256"}) {
      if (context.apply(gone) != null) {
        throw new IllegalArgumentException(
            "context '"
                + gone
                + "': the deployment now generates the admin and trainer keys as secrets"
                + " (48 random letters and digits; outputs AdminKeySecret and TrainerKeySecret), so"
                + " that no weak key can be deployed; drop this context (docs/deploy.md)");
      }
    }
    String environment = get.apply("environment");
    String prefix = context.apply("prefix") == null ? "tengen-" + environment : get.apply("prefix");
    try {
      return new DeploymentConfig(
          environment,
          prefix,
          Path.of(get.apply("functionsZip")),
          Integer.parseInt(get.apply("lambdaMemoryMb")),
          Integer.parseInt(get.apply("lambdaTimeoutSeconds")),
          Double.parseDouble(get.apply("contributorRateLimit")),
          Double.parseDouble(get.apply("adminRateLimit")),
          Long.parseLong(get.apply("keyRequestsPerFiveMinutes")),
          Long.parseLong(get.apply("addressRequestsPerFiveMinutes")),
          get.apply("run"),
          Integer.parseInt(get.apply("keepImages")),
          get.apply("trainingInstanceType"),
          get.apply("trainingSchedule"),
          Long.parseLong(get.apply("minNewRows")),
          Integer.parseInt(get.apply("trainingSteps")),
          Integer.parseInt(get.apply("trainingMaxHours")),
          get.apply("curriculum"),
          get.apply("releasePolicy"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a numeric context value is not a number: " + e.getMessage());
    }
  }
}
