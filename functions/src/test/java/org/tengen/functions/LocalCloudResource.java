package org.tengen.functions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import org.tengen.functions.auth.ApiKeys;
import org.tengen.localstack.LocalCloud;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Starts the cloud the functions' tests run against before Quarkus, and points the functions at it:
 * the embedded local cloud by default, LocalStack in Docker under {@code -Plocalstack} (provisioned
 * by the very init script that localstack/docker-compose.yml mounts).
 */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

  public static final String ADMIN_KEY = "admin-test-key";
  public static final String TRAINER_KEY = "trainer-test-key";

  /** The bucket and table prefix the init script creates by default (as the local cloud's). */
  private static final String NAME = "tengen-local";

  private LocalCloud cloud;
  private LocalStackContainer localStack;

  @Override
  public Map<String, String> start() {
    if (TestCloud.localStack()) {
      return startLocalStack();
    }
    try {
      cloud = LocalCloud.start(LocalCloud.Options.inMemory());
    } catch (Exception e) {
      throw new IllegalStateException("local cloud did not start", e);
    }
    return config(
        cloud.dynamoDbEndpoint().toString(),
        cloud.s3Endpoint().toString(),
        LocalCloud.ACCESS_KEY,
        LocalCloud.SECRET_KEY,
        cloud.bucket(),
        cloud.tablePrefix());
  }

  private Map<String, String> startLocalStack() {
    String running = System.getenv("TENGEN_LOCALSTACK_ENDPOINT");
    if (running != null && !running.isBlank()) {
      // A LocalStack someone started (CI: docker compose with the same init script).
      awaitTables(URI.create(running), "us-east-1", "test", "test");
      return config(running, running, "test", "test", NAME, NAME);
    }
    Path script = Path.of("..", "localstack", "init", "ready.d", "10-tengen.sh").toAbsolutePath();
    localStack =
        new LocalStackContainer(DockerImageName.parse(TestCloud.LOCALSTACK_IMAGE))
            .withServices("s3", "dynamodb")
            // Presigned URLs are checked as on AWS: a PUT to another key must fail.
            .withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0")
            .withCopyFileToContainer(
                MountableFile.forHostPath(script, 0755),
                "/etc/localstack/init/ready.d/10-tengen.sh");
    localStack.start();
    String endpoint = localStack.getEndpoint().toString();
    awaitTables(
        localStack.getEndpoint(),
        localStack.getRegion(),
        localStack.getAccessKey(),
        localStack.getSecretKey());
    return config(
        endpoint, endpoint, localStack.getAccessKey(), localStack.getSecretKey(), NAME, NAME);
  }

  /** The init script runs after LocalStack reports ready: wait until every table is active. */
  private static void awaitTables(URI endpoint, String region, String accessKey, String secretKey) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build()) {
      for (TableDefinition table : Tables.ALL) {
        String name = table.tableName(NAME);
        while (true) {
          try {
            if (dynamo.describeTable(d -> d.tableName(name)).table().tableStatus()
                == TableStatus.ACTIVE) {
              break;
            }
          } catch (ResourceNotFoundException e) {
            // not created yet
          }
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "LocalStack's init script did not create " + name + " within 2 minutes");
          }
          Thread.sleep(500);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> config(
      String dynamo, String s3, String accessKey, String secretKey, String bucket, String prefix) {
    return Map.of(
        "tengen.dynamodb-endpoint", dynamo,
        "tengen.s3-endpoint", s3,
        "tengen.access-key", accessKey,
        "tengen.secret-key", secretKey,
        "tengen.bucket", bucket,
        "tengen.table-prefix", prefix,
        "tengen.admin-key-sha256", ApiKeys.sha256(ADMIN_KEY),
        "tengen.trainer-key-sha256", ApiKeys.sha256(TRAINER_KEY));
  }

  @Override
  public void stop() {
    try {
      if (cloud != null) {
        cloud.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (localStack != null) {
        localStack.stop();
      }
    }
  }
}
