package org.tengen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class LocalCloudTest {

  private static LocalCloud cloud;

  @BeforeAll
  static void start() throws Exception {
    cloud = LocalCloud.start(LocalCloud.Options.inMemory());
  }

  @AfterAll
  static void stop() throws Exception {
    cloud.close();
  }

  @Test
  void everyTableIsCreatedAsDefined() {
    try (DynamoDbClient db = cloud.dynamoDb()) {
      for (TableDefinition t : Tables.ALL) {
        TableDescription d = db.describeTable(r -> r.tableName(cloud.tableName(t))).table();
        assertEquals(t.partitionKey().name(), d.keySchema().get(0).attributeName());
        assertEquals(
            t.sortKey().map(TableDefinition.Key::name).orElse(null),
            d.keySchema().size() > 1 ? d.keySchema().get(1).attributeName() : null);
        assertEquals(
            t.indexes().size(),
            d.globalSecondaryIndexes() == null ? 0 : d.globalSecondaryIndexes().size(),
            t.baseName());
      }
    }
  }

  @Test
  void conditionalWritesBehaveAsInDynamoDb() {
    try (DynamoDbClient db = cloud.dynamoDb()) {
      String table = cloud.tableName(Tables.RUNS);
      Map<String, AttributeValue> item = Map.of("run", AttributeValue.fromS("kata1"));
      db.putItem(
          p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(run)"));
      assertThrows(
          ConditionalCheckFailedException.class,
          () ->
              db.putItem(
                  p ->
                      p.tableName(table)
                          .item(item)
                          .conditionExpression("attribute_not_exists(run)")));
    }
  }

  @Test
  void s3ChecksSignaturesAndConditionalCreates() throws Exception {
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key("training_data/r/games_00001.npz"),
          RequestBody.fromString("one"));
      assertEquals(
          "one",
          s3.getObjectAsBytes(g -> g.bucket(cloud.bucket()).key("training_data/r/games_00001.npz"))
              .asUtf8String());
      S3Exception exists =
          assertThrows(
              S3Exception.class,
              () ->
                  s3.putObject(
                      p ->
                          p.bucket(cloud.bucket())
                              .key("training_data/r/games_00001.npz")
                              .ifNoneMatch("*"),
                      RequestBody.fromString("two")));
      assertEquals(412, exists.statusCode(), "a shard number is claimed once");
    }
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(cloud.s3Endpoint())
            .region(LocalCloud.REGION)
            .credentialsProvider(LocalCloud.credentials())
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .build()) {
      URI url =
          presigner
              .presignPutObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(
                              o -> o.bucket(cloud.bucket()).key("incoming/alice/upload.json.gz")))
              .url()
              .toURI();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ok =
          http.send(
              HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString("batch")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode(), ok.body());
      URI tampered = URI.create(url.toString().replace("incoming/alice/", "incoming/mallory/"));
      HttpResponse<String> denied =
          http.send(
              HttpRequest.newBuilder(tampered)
                  .PUT(HttpRequest.BodyPublishers.ofString("evil"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, denied.statusCode(), "a presigned PUT is scoped to its key");
    }
  }

  @Test
  void aPersistentCloudKeepsItsStateAcrossRestarts(@TempDir Path dir) throws Exception {
    try (LocalCloud first = LocalCloud.start(LocalCloud.Options.persistent(dir));
        S3Client s3 = first.s3();
        DynamoDbClient db = first.dynamoDb()) {
      s3.putObject(
          p -> p.bucket(first.bucket()).key("networks/r/n.bin.gz"), RequestBody.fromString("net"));
      db.putItem(
          p ->
              p.tableName(first.tableName(Tables.RUNS))
                  .item(Map.of("run", AttributeValue.fromS("persisted"))));
    }
    try (LocalCloud second = LocalCloud.start(LocalCloud.Options.persistent(dir));
        S3Client s3 = second.s3();
        DynamoDbClient db = second.dynamoDb()) {
      assertEquals(
          "net",
          s3.getObjectAsBytes(g -> g.bucket(second.bucket()).key("networks/r/n.bin.gz"))
              .asUtf8String());
      assertTrue(
          db.getItem(
                  g ->
                      g.tableName(second.tableName(Tables.RUNS))
                          .key(Map.of("run", AttributeValue.fromS("persisted"))))
              .hasItem());
    }
  }

  @Test
  void theStandInsListenOnTheLoopbackOnly() throws Exception {
    java.net.InetAddress outside = null;
    for (java.net.NetworkInterface ni :
        java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
        if (ni.isUp() && !a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
          outside = a;
        }
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        outside != null, "this machine has no address but the loopback to try from");
    for (URI endpoint : new URI[] {cloud.dynamoDbEndpoint(), cloud.s3Endpoint()}) {
      try (java.net.Socket ok = new java.net.Socket("127.0.0.1", endpoint.getPort())) {
        assertTrue(ok.isConnected());
      }
      java.net.InetAddress address = outside;
      assertThrows(
          java.net.ConnectException.class,
          () -> new java.net.Socket(address, endpoint.getPort()).close(),
          endpoint + " answers on " + address);
    }
    assertEquals("127.0.0.1", FunctionsProcess.LISTEN_HOST);
  }
}
