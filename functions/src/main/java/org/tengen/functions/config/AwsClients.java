package org.tengen.functions.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.tengen.functions.auth.FixedKeys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS SDK v2 clients, built from {@link TengenConfig}: the same code talks to AWS, LocalStack
 * or the embedded local cloud; only endpoints and credentials differ.
 */
@ApplicationScoped
public class AwsClients {

  /**
   * Interceptors added to every client: none in a deployment; the tests add one that injects S3 and
   * DynamoDB faults.
   */
  @Inject @Any Instance<ExecutionInterceptor> interceptors;

  private ClientOverrideConfiguration overrides(TengenConfig config) {
    ClientOverrideConfiguration.Builder o =
        ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(config.aws().attemptTimeout())
            .apiCallTimeout(config.aws().callTimeout());
    interceptors.forEach(o::addExecutionInterceptor);
    return o.build();
  }

  private static AwsCredentialsProvider credentials(TengenConfig config) {
    if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Produces
  @Singleton
  DynamoDbClient dynamoDb(TengenConfig config) {
    var b =
        DynamoDbClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .overrideConfiguration(overrides(config))
            .httpClientBuilder(ApacheHttpClient.builder());
    config.dynamodbEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  @Produces
  @Singleton
  DynamoDbEnhancedClient enhanced(DynamoDbClient client) {
    return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
  }

  @Produces
  @Singleton
  S3Client s3(TengenConfig config) {
    var b =
        S3Client.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .overrideConfiguration(overrides(config))
            .httpClientBuilder(ApacheHttpClient.builder());
    config
        .s3Endpoint()
        .ifPresent(
            e ->
                b.endpointOverride(e)
                    .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build()));
    return b.build();
  }

  @Produces
  @Singleton
  S3Presigner presigner(TengenConfig config) {
    var b =
        S3Presigner.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config));
    config
        .s3Endpoint()
        .ifPresent(
            e ->
                b.endpointOverride(e)
                    .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build()));
    return b.build();
  }

  private SecretsManagerClient secrets;

  /** Reads secrets (the deployment's fixed keys); the client is made at the first read only. */
  @Produces
  @Singleton
  FixedKeys.SecretReader secretReader(TengenConfig config) {
    return id -> secretsManager(config).getSecretValue(r -> r.secretId(id)).secretString();
  }

  private synchronized SecretsManagerClient secretsManager(TengenConfig config) {
    if (secrets == null) {
      secrets =
          SecretsManagerClient.builder()
              .region(Region.of(config.region()))
              .credentialsProvider(credentials(config))
              .overrideConfiguration(overrides(config))
              .httpClientBuilder(ApacheHttpClient.builder())
              .build();
    }
    return secrets;
  }

  @Produces
  @Singleton
  FixedKeys fixedKeys(TengenConfig config, FixedKeys.SecretReader reader) {
    return new FixedKeys(
        new FixedKeys.Settings(
            config.adminKeySha256(),
            config.trainerKeySha256(),
            config.adminKeySecret(),
            config.trainerKeySecret(),
            config.edgeSecret()),
        reader,
        System::nanoTime);
  }

  @jakarta.annotation.PreDestroy
  synchronized void closeSecrets() {
    if (secrets != null) {
      secrets.close();
    }
  }

  void close(@Disposes DynamoDbClient c) {
    c.close();
  }

  void close(@Disposes S3Client c) {
    c.close();
  }

  void close(@Disposes S3Presigner c) {
    c.close();
  }
}
