package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The uploads table's TTL clears pending uploads never confirmed; a verdict is kept, so that a
 * confirm retried days later still gets its answer.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class VerdictKeptTest {

  private static final String RUN = "keep1";
  private static final String NET = "keep1-b6c96-s0-d0";

  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  private Map<String, AttributeValue> item(String uploadId) {
    return dynamo
        .getItem(
            g ->
                g.tableName(Tables.UPLOADS.tableName(config.tablePrefix()))
                    .key(Map.of("upload_id", AttributeValue.fromS(uploadId)))
                    .consistentRead(true))
        .item();
  }

  @Test
  void aVerdictHasNoExpiryAndAPendingUploadHasOne() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    TestApi.registerNetwork(RUN, NET);
    String key =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"keeper\"}")
            .statusCode(200)
            .extract()
            .path("key");
    JsonPath task =
        TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    String uploadId = task.getString("upload.uploadId");
    assertTrue(item(uploadId).containsKey("expires_at"), "a pending upload expires");
    TestApi.put(
        task.getString("upload.url"),
        WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, TestApi.randomGames(NET, 2, 77))));
    String confirm = "{\"uploadId\":\"" + uploadId + "\"}";
    TestApi.call(key, "confirmUpload", confirm)
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"));
    Map<String, AttributeValue> verdict = item(uploadId);
    assertFalse(verdict.containsKey("expires_at"), "a verdict is kept: " + verdict);
    TestApi.call(key, "confirmUpload", confirm)
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"));
  }
}
