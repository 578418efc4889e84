package org.tengen.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * The local cloud without Docker: DynamoDB Local and S3Proxy in this process on free ports, with
 * the bucket and the tables of {@link Tables} created. In memory, or kept in a folder so that a
 * second run continues the first. The code under test only sees endpoints and credentials, as it
 * would with LocalStack or AWS.
 */
public final class LocalCloud implements AutoCloseable {

  /** Credentials both stand-ins accept (S3Proxy checks SigV4 signatures against them). */
  public static final String ACCESS_KEY =
      "tengenlocal"; // DynamoDB Local takes letters and digits only

  public static final String SECRET_KEY = "tengen-local-secret";
  public static final Region REGION = Region.US_EAST_1;

  /** Where and how to run. */
  public record Options(String bucket, String tablePrefix, Path dataDir) {
    /** In memory, with the default names. */
    public static Options inMemory() {
      return new Options("tengen-local", "tengen-local", null);
    }

    /** Kept under {@code dataDir} ({@code dynamodb/} and {@code s3/}). */
    public static Options persistent(Path dataDir) {
      return new Options("tengen-local", "tengen-local", dataDir);
    }
  }

  private final Options options;
  private final DynamoDBProxyServer dynamo;
  private final S3Proxy s3;
  private final URI dynamoEndpoint;
  private final URI s3Endpoint;

  private LocalCloud(Options options, DynamoDBProxyServer dynamo, S3Proxy s3, int dynamoPort) {
    this.options = options;
    this.dynamo = dynamo;
    this.s3 = s3;
    this.dynamoEndpoint = URI.create("http://127.0.0.1:" + dynamoPort);
    this.s3Endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
  }

  /** Starts both stand-ins and creates what is missing of the bucket and tables. */
  public static LocalCloud start(Options options) throws Exception {
    int dynamoPort = freePort();
    List<String> args =
        new ArrayList<>(List.of("-port", Integer.toString(dynamoPort), "-disableTelemetry"));
    Properties s3props = new Properties();
    String provider;
    if (options.dataDir() == null) {
      args.add("-inMemory");
      provider = "transient";
    } else {
      Path db = Files.createDirectories(options.dataDir().resolve("dynamodb"));
      Path blobs = Files.createDirectories(options.dataDir().resolve("s3"));
      args.addAll(List.of("-dbPath", db.toString(), "-sharedDb"));
      provider = "filesystem";
      s3props.setProperty("jclouds.filesystem.basedir", blobs.toString());
    }
    s3props.setProperty("jclouds.identity", ACCESS_KEY);
    s3props.setProperty("jclouds.credential", SECRET_KEY);
    DynamoDBProxyServer dynamo = startDynamoDbLocal(args);
    S3Proxy s3;
    try {
      s3 =
          S3Proxy.builder()
              .blobStore(BlobStores.create(provider, s3props))
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      s3.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(s3.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IOException("S3Proxy did not start within 30 s: " + s3.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      dynamo.stop();
      throw e;
    }
    LocalCloud cloud = new LocalCloud(options, dynamo, s3, dynamoPort);
    try {
      cloud.provision();
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
    return cloud;
  }

  /**
   * Starts DynamoDB Local. It prints its configuration to standard output at every start; that
   * table says nothing the endpoints below do not, so it is left out.
   */
  private static DynamoDBProxyServer startDynamoDbLocal(List<String> args) throws Exception {
    java.io.PrintStream out = System.out;
    synchronized (LocalCloud.class) {
      System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      try {
        DynamoDBProxyServer dynamo =
            ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        loopbackOnly(dynamo);
        dynamo.start();
        return dynamo;
      } finally {
        System.setOut(out);
      }
    }
  }

  /**
   * DynamoDB Local takes any credentials and has no option for the address it listens on; its Jetty
   * server listens on every interface. The stand-in is for this machine only: its connectors are
   * bound to the loopback before it starts (by reflection, the one way in; a DynamoDB Local without
   * that field fails here, loudly, rather than listening everywhere).
   */
  static void loopbackOnly(DynamoDBProxyServer dynamo) {
    try {
      java.lang.reflect.Field f = DynamoDBProxyServer.class.getDeclaredField("server");
      f.setAccessible(true);
      org.eclipse.jetty.server.Server server = (org.eclipse.jetty.server.Server) f.get(dynamo);
      for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
        ((org.eclipse.jetty.server.ServerConnector) c).setHost("127.0.0.1");
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          "cannot bind DynamoDB Local to the loopback (its server changed): " + e, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  public URI dynamoDbEndpoint() {
    return dynamoEndpoint;
  }

  public URI s3Endpoint() {
    return s3Endpoint;
  }

  public String bucket() {
    return options.bucket();
  }

  public String tablePrefix() {
    return options.tablePrefix();
  }

  public String tableName(TableDefinition table) {
    return table.tableName(options.tablePrefix());
  }

  /** A DynamoDB client for the local endpoint; close it when done. */
  public DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder()
        .endpointOverride(dynamoEndpoint)
        .region(REGION)
        .credentialsProvider(credentials())
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /** An S3 client for the local endpoint (path-style addressing); close it when done. */
  public S3Client s3() {
    return s3Client(s3Endpoint);
  }

  /** A client of a local cloud's S3 at {@code endpoint} (this one's, or another process's). */
  public static S3Client s3Client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(credentials())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  private void provision() {
    try (S3Client s3client = s3();
        DynamoDbClient db = dynamoDb()) {
      try {
        s3client.createBucket(b -> b.bucket(options.bucket()));
      } catch (BucketAlreadyOwnedByYouException e) {
        // kept from an earlier run
      } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
        if (e.statusCode() != 409) {
          throw e;
        }
      }
      for (TableDefinition t : Tables.ALL) {
        try {
          db.createTable(createTableRequest(t, tableName(t)));
        } catch (ResourceInUseException e) {
          continue; // kept from an earlier run
        }
        t.ttlAttribute()
            .ifPresent(
                attr ->
                    db.updateTimeToLive(
                        u ->
                            u.tableName(tableName(t))
                                .timeToLiveSpecification(
                                    TimeToLiveSpecification.builder()
                                        .attributeName(attr)
                                        .enabled(true)
                                        .build())));
      }
    }
  }

  /** The CreateTable request of a definition (on-demand billing, all attributes projected). */
  public static CreateTableRequest createTableRequest(TableDefinition t, String name) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    for (TableDefinition.Key key : t.keyAttributes()) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(key.name())
              .attributeType(
                  key.type() == TableDefinition.KeyType.STRING
                      ? ScalarAttributeType.S
                      : ScalarAttributeType.N)
              .build());
    }
    List<KeySchemaElement> keys = schema(t.partitionKey(), t.sortKey().orElse(null));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (TableDefinition.Index index : t.indexes()) {
      indexes.add(
          GlobalSecondaryIndex.builder()
              .indexName(index.name())
              .keySchema(schema(index.partitionKey(), index.sortKey().orElse(null)))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build());
    }
    CreateTableRequest.Builder b =
        CreateTableRequest.builder()
            .tableName(name)
            .keySchema(keys)
            .attributeDefinitions(attributes)
            .billingMode(BillingMode.PAY_PER_REQUEST);
    if (!indexes.isEmpty()) {
      b.globalSecondaryIndexes(indexes);
    }
    return b.build();
  }

  private static List<KeySchemaElement> schema(
      TableDefinition.Key hash, TableDefinition.Key range) {
    List<KeySchemaElement> out = new ArrayList<>();
    out.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
    if (range != null) {
      out.add(
          KeySchemaElement.builder().attributeName(range.name()).keyType(KeyType.RANGE).build());
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    try {
      s3.stop();
    } catch (Exception e) {
      first = e;
    }
    try {
      dynamo.stop();
    } catch (Exception e) {
      if (first == null) {
        first = e;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
