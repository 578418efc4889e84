package org.tengen.functions;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** What the functions' tests share: calling a function, and reaching the local cloud's S3. */
final class TestApi {

  private TestApi() {}

  /** POSTs JSON to a function with a key. */
  static ValidatableResponse call(String key, String function, String json) {
    return given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + key)
        .body(json)
        .post("/" + function)
        .then();
  }

  /** An S3 client for the local cloud the functions under test use; close it. */
  static S3Client s3() {
    return S3Client.builder()
        .endpointOverride(
            URI.create(ConfigProvider.getConfig().getValue("tengen.s3-endpoint", String.class)))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    ConfigProvider.getConfig().getValue("tengen.access-key", String.class),
                    ConfigProvider.getConfig().getValue("tengen.secret-key", String.class))))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  static String bucket() {
    return ConfigProvider.getConfig().getValue("tengen.bucket", String.class);
  }

  static void putObject(String key, byte[] bytes) {
    try (S3Client s3 = s3()) {
      s3.putObject(p -> p.bucket(bucket()).key(key), RequestBody.fromBytes(bytes));
    }
  }

  /** Puts a one-byte network file in place and registers it with the trainer key. */
  static void registerNetwork(String run, String name) {
    putObject("networks/" + run + "/" + name + ".bin.gz", new byte[] {1});
    call(
            LocalCloudResource.TRAINER_KEY,
            "registerNetwork",
            "{\"run\":\""
                + run
                + "\",\"name\":\""
                + name
                + "\",\"sha256\":\""
                + "12".repeat(32)
                + "\",\"bytes\":1}")
        .statusCode(200);
  }
}
