package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;
import org.tengen.functions.store.Transactions;
import org.tengen.functions.uploads.UploadItem;
import org.tengen.functions.uploads.UploadRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two confirms of one upload never both write: each must first win the upload's processing claim,
 * and only the claim's holder can write the verdict.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class ConfirmClaimTest {

  private static final String RUN = "claim1";
  private static final String NET = "claim1-b6c96-s0-d0";
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Inject UploadRepository uploads;
  @Inject DynamoDbClient dynamo;

  @Test
  void aConfirmWaitsForTheHolderOfTheClaimAndAStaleHolderCannotFinish() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    TestApi.registerNetwork(RUN, NET);
    String key = TestApi.newContributor("claimer");
    JsonPath task =
        TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    String uploadId = task.getString("upload.uploadId");
    TestApi.put(
        task.getString("upload.url"),
        WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, TestApi.randomGames(NET, 2, 5))));

    // Another confirm holds the claim: this one is told to come back, and writes nothing.
    Instant now = Instant.now();
    assertTrue(uploads.claimProcessing(uploadId, "other", now, LEASE));
    assertFalse(uploads.claimProcessing(uploadId, "third", now, LEASE), "the claim is held");
    String confirm = "{\"uploadId\":\"" + uploadId + "\"}";
    TestApi.call(key, "confirmUpload", confirm)
        .statusCode(503)
        .body("code", equalTo("UPLOAD_BUSY"));
    TestApi.call(admin, "stats", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .body("totals.accepted", equalTo(0));

    // Its lease runs out (the holder died): the next claim takes over, and the old holder can no
    // longer write a verdict.
    assertTrue(
        uploads.claimProcessing(uploadId, "successor", now.plus(LEASE).plusSeconds(1), LEASE));
    UploadItem item = uploads.get(uploadId).orElseThrow();
    item.setStatus("REJECTED");
    assertFalse(
        Transactions.write(dynamo, List.of(uploads.finishing(item, "other"))).written(),
        "a stale holder's verdict");
    // The successor gives the claim back (it failed before a verdict): a confirm goes through.
    uploads.releaseProcessing(uploadId, "successor");
    TestApi.call(key, "confirmUpload", confirm)
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("repeated", equalTo(false));
    TestApi.call(key, "confirmUpload", confirm)
        .statusCode(200)
        .body("outcome", equalTo("ACCEPTED"))
        .body("repeated", equalTo(true));
  }
}
