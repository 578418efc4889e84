package org.tengen.functions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

  /** Static credentials for the local cloud; absent on AWS (the Lambda role is used). */
  Optional<String> accessKey();

  Optional<String> secretKey();

  /** SHA-256 (hex) of the admin key. */
  String adminKeySha256();

  /** SHA-256 (hex) of the training job's key. */
  String trainerKeySha256();
}
