package org.tengen.functions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The functions' configuration (prefix {@code tengen}); no endpoint is hard-coded. */
@ConfigMapping(prefix = "tengen")
public interface TengenConfig {

  /** The deployment's bucket. */
  String bucket();

  /** Prefix of the table names, e.g. {@code tengen-prod} (see core's Tables). */
  String tablePrefix();

  /** AWS region. */
  @WithDefault("us-east-1")
  String region();

  /** DynamoDB endpoint; absent on AWS, the local cloud's on a laptop. */
  Optional<URI> dynamodbEndpoint();

  /** S3 endpoint; absent on AWS. */
  Optional<URI> s3Endpoint();

  /** How long the functions wait for S3 and DynamoDB. */
  Aws aws();

  /**
   * {@code tengen.aws.*}: a storage call that hangs must not use up the function's 29 s. An attempt
   * that takes longer than {@code attempt-timeout} is abandoned and retried by the SDK (with
   * backoff, 3 attempts in all); a call that takes longer than {@code call-timeout} in all fails,
   * and the caller gets 503 STORAGE_UNAVAILABLE with Retry-After.
   */
  interface Aws {
    @WithDefault("PT5S")
    Duration attemptTimeout();

    @WithDefault("PT12S")
    Duration callTimeout();
  }

  /** Static credentials for the local cloud; absent on AWS (the Lambda role is used). */
  Optional<String> accessKey();

  Optional<String> secretKey();

  /** SHA-256 (hex) of the admin key. */
  String adminKeySha256();

  /** SHA-256 (hex) of the training job's key. */
  String trainerKeySha256();

  /**
   * Secrets Manager id of the admin key, in a deployment (the CDK app generates it); where present
   * it replaces {@link #adminKeySha256}.
   */
  Optional<String> adminKeySecret();

  /** Secrets Manager id of the trainer key, in a deployment; replaces {@link #trainerKeySha256}. */
  Optional<String> trainerKeySecret();

  /**
   * Secrets Manager id of the edge secret, which the contributor API's CloudFront distribution
   * sends with every request it forwards; where present, a request without it is refused unless it
   * carries the admin or trainer key (their API has no edge).
   */
  Optional<String> edgeSecret();

  /** Rating work. */
  Rating rating();

  /**
   * Whether the functions publish each run's public pages ({@code public/} in the bucket) after
   * decisions, registrations and uploads.
   */
  @WithDefault("true")
  boolean publicPages();

  /** {@code tengen.rating.*}. */
  interface Rating {
    /** Share of tasks that are rating games while a candidate is under evaluation. */
    @WithDefault("0.25")
    double probability();

    /** Rating games per task: an even number keeps each task's colours balanced. */
    @WithDefault("2")
    int gamesPerTask();

    /**
     * The largest share of a candidate's counted rating games one contributor may have (above 0, at
     * most 1; 1: no limit, for a run with one worker). Below 1, at least two contributors must have
     * played before anything counts.
     */
    @WithDefault("0.6")
    double maxContributorShare();

    /**
     * The p-value below which a contributor's rating results are called inconsistent with the other
     * contributors' and left out (0: no test).
     */
    @WithDefault("0.001")
    double outlierAlpha();
  }

  /** Limits and lifetimes of uploads. */
  Upload upload();

  /** What one contributor may send. */
  Quota quota();

  /** {@code tengen.quota.*}: per contributor, across runs; answered with 429 and Retry-After. */
  interface Quota {
    /** Self-play tasks (uploads) handed out per clock hour (UTC). */
    @WithDefault("1000")
    int uploadsPerHour();

    /** Uploaded bytes (gzipped, as stored) per UTC day: 16 GiB. */
    @WithDefault("17179869184")
    long bytesPerDay();

    /** Rating tasks handed out per clock hour (a task holds a few games). */
    @WithDefault("200")
    int ratingTasksPerHour();

    /** renewUpload calls per clock hour (a worker renews an expired upload address). */
    @WithDefault("200")
    int renewalsPerHour();

    /** stats calls per clock hour (the worker asks none; a contributor's own dashboards do). */
    @WithDefault("600")
    int statsPerHour();
  }

  /** What createRun uses where the request leaves a setting out (the deployment's run config). */
  Defaults defaults();

  /** {@code tengen.defaults.*}; absent: the seed's curriculum, SPRT. */
  interface Defaults {
    /** e.g. {@code 100000:9:200,500000:13:400,*:19:800}. */
    Optional<String> curriculum();

    /** e.g. {@code sprt:0:20:0.05:0.05:2000} or {@code seed:400:20:10000}. */
    Optional<String> releasePolicy();
  }

  /** {@code tengen.upload.*}. */
  interface Upload {
    /** How long a task's presigned URLs stay valid. */
    @WithDefault("PT1H")
    Duration expiry();

    /** Largest gzipped batch confirmUpload reads (64 MiB). */
    @WithDefault("67108864")
    long maxCompressedBytes();

    /** Largest batch once inflated (256 MiB); reading stops there, a gzip bomb is not inflated. */
    @WithDefault("268435456")
    long maxUncompressedBytes();

    /**
     * How long a confirm holds an upload's processing claim: longer than the function may run (29 s
     * on AWS), so a second confirm takes over only from one that is dead.
     */
    @WithDefault("PT2M")
    Duration confirmLease();
  }
}
