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
 * @param adminKeySha256 SHA-256 of the admin key ("unset" admits nobody)
 * @param trainerKeySha256 SHA-256 of the training job's key
 * @param contributorRateLimit requests per second per contributor route (burst twice that)
 * @param adminRateLimit requests per second per admin and trainer route
 */
public record DeploymentConfig(
    String environment,
    String prefix,
    Path functionsZip,
    int lambdaMemoryMb,
    int lambdaTimeoutSeconds,
    String adminKeySha256,
    String trainerKeySha256,
    double contributorRateLimit,
    double adminRateLimit) {

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
    for (String hash : new String[] {adminKeySha256, trainerKeySha256}) {
      if (!hash.equals("unset") && !hash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("key hashes are 64 hex digits (or unset)");
      }
    }
  }

  public boolean production() {
    return environment.equals("prod");
  }

  /** From context values (strings), with the defaults of a dev deployment. */
  public static DeploymentConfig from(Function<String, Object> context) {
    Map<String, String> defaults =
        Map.of(
            "environment", "dev",
            "functionsZip", "../functions/target/function.zip",
            "lambdaMemoryMb", "2048",
            "lambdaTimeoutSeconds", "29",
            "adminKeySha256", "unset",
            "trainerKeySha256", "unset",
            "contributorRateLimit", "50",
            "adminRateLimit", "5");
    Function<String, String> get =
        k -> {
          Object v = context.apply(k);
          return v == null ? defaults.get(k) : v.toString();
        };
    String environment = get.apply("environment");
    String prefix = context.apply("prefix") == null ? "tengen-" + environment : get.apply("prefix");
    try {
      return new DeploymentConfig(
          environment,
          prefix,
          Path.of(get.apply("functionsZip")),
          Integer.parseInt(get.apply("lambdaMemoryMb")),
          Integer.parseInt(get.apply("lambdaTimeoutSeconds")),
          get.apply("adminKeySha256"),
          get.apply("trainerKeySha256"),
          Double.parseDouble(get.apply("contributorRateLimit")),
          Double.parseDouble(get.apply("adminRateLimit")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a numeric context value is not a number: " + e.getMessage());
    }
  }
}
