package org.tengen.functions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.tengen.functions.auth.ApiKeys;
import org.tengen.localstack.LocalCloud;

/** Starts the embedded local cloud before Quarkus and points the functions at it. */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

  public static final String ADMIN_KEY = "admin-test-key";
  public static final String TRAINER_KEY = "trainer-test-key";

  private LocalCloud cloud;

  @Override
  public Map<String, String> start() {
    try {
      cloud = LocalCloud.start(LocalCloud.Options.inMemory());
    } catch (Exception e) {
      throw new IllegalStateException("local cloud did not start", e);
    }
    return Map.of(
        "tengen.dynamodb-endpoint", cloud.dynamoDbEndpoint().toString(),
        "tengen.s3-endpoint", cloud.s3Endpoint().toString(),
        "tengen.access-key", LocalCloud.ACCESS_KEY,
        "tengen.secret-key", LocalCloud.SECRET_KEY,
        "tengen.bucket", cloud.bucket(),
        "tengen.table-prefix", cloud.tablePrefix(),
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
    }
  }
}
