package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A contributor's presigned URL writes its own upload's key and nothing else, and no key or URL
 * signature reaches the log, whatever the requests (good, refused, failing).
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
class KeyScopeAndLogTest {

  private static final String RUN = "scope1";
  private static final String NET = "scope1-b6c96-s0-d0";

  /** Every log record, formatted with its parameters and thrown exception, while installed. */
  private static final class Capture extends Handler {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord r) {
      lines.add(format.format(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static int put(String url, byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String signature(String url) {
    for (String part : URI.create(url).getRawQuery().split("&")) {
      if (part.startsWith("X-Amz-Signature=")) {
        return URLDecoder.decode(part.substring(16), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no signature in " + url);
  }

  @Test
  void aPresignedUrlWritesItsOwnKeyOnlyAndNoSecretIsLogged() throws Exception {
    Capture capture = new Capture();
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    List<String> secrets = new ArrayList<>();
    try {
      String admin = LocalCloudResource.ADMIN_KEY;
      secrets.add(admin);
      TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
          .statusCode(200);
      String alice =
          TestApi.call(admin, "createContributor", "{\"contributor\":\"scoped-alice\"}")
              .statusCode(200)
              .extract()
              .path("key");
      secrets.add(alice);
      TestApi.registerNetwork(RUN, NET);
      JsonPath task =
          TestApi.call(alice, "nextTask", "{\"run\":\"" + RUN + "\"}")
              .statusCode(200)
              .extract()
              .jsonPath();
      String url = task.getString("upload.url");
      secrets.add(signature(url));
      String own = "incoming/scoped-alice/" + task.getString("upload.uploadId") + ".json.gz";
      assertTrue(url.contains(own), url);
      byte[] body =
          WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, TestApi.randomGames(NET, 1, 5)));

      // The same signature on another key: refused by S3, nothing written there.
      for (String elsewhere :
          List.of(
              own.replace("scoped-alice", "bob"),
              "training_data/" + RUN + "/games_99999.npz",
              "networks/" + RUN + "/" + NET + ".bin.gz")) {
        int status = put(url.replace(own, elsewhere), body);
        assertEquals(403, status, "PUT to " + elsewhere + " with alice's URL");
      }
      try (S3Client s3 = TestApi.s3()) {
        assertEquals(
            0,
            s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("incoming/bob/")).keyCount());
        assertEquals(
            0,
            s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("training_data/" + RUN + "/"))
                .keyCount());
      }
      assertEquals(200, put(url, body));
      TestApi.call(
              alice,
              "confirmUpload",
              "{\"uploadId\":\"" + task.getString("upload.uploadId") + "\"}")
          .statusCode(200)
          .body("outcome", equalTo("ACCEPTED"));
      // Refusals and failures log too: a wrong key, a forbidden function, a renewal of a done
      // upload (its URL would be a secret), an unknown upload.
      String wrong = alice.substring(0, alice.length() - 3) + "xyz";
      secrets.add(wrong);
      TestApi.call(wrong, "whoami", "{}").statusCode(401);
      TestApi.call(alice, "createRun", "{\"run\":\"nope\"}").statusCode(403);
      TestApi.call(
              alice, "renewUpload", "{\"uploadId\":\"" + task.getString("upload.uploadId") + "\"}")
          .statusCode(409);
      TestApi.call(alice, "confirmUpload", "{\"uploadId\":\"" + "0".repeat(32) + "\"}")
          .statusCode(404);
    } finally {
      root.removeHandler(capture);
    }
    assertFalse(capture.lines.isEmpty(), "the log was captured");
    synchronized (capture.lines) {
      for (String line : capture.lines) {
        for (String secret : secrets) {
          assertFalse(line.contains(secret), "a secret in the log: " + line);
        }
        assertFalse(line.contains("X-Amz-Signature"), "a presigned URL in the log: " + line);
      }
    }
  }
}
