package org.tengen.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;

/**
 * Keeps the local cloud running for manual use: prints the endpoints and how to reach them with the
 * AWS CLI, and stops cleanly on Ctrl-C. {@code --data DIR} keeps the state in a folder.
 */
public final class LocalCloudMain {

  private LocalCloudMain() {}

  public static void main(String[] args) throws Exception {
    LocalCloud.Options options = LocalCloud.Options.inMemory();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && i + 1 < args.length) {
        options = LocalCloud.Options.persistent(Path.of(args[++i]));
      } else {
        System.err.println(
            "usage: tengen cloud [--data DIR]   (unknown argument '" + args[i] + "')");
        System.exit(2);
      }
    }
    LocalCloud cloud = LocalCloud.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cloud.close();
                  } catch (Exception e) {
                    System.err.println("stopping the local cloud: " + e);
                  }
                  stopped.countDown();
                },
                "local-cloud-stop"));
    System.out.println(
        "Tengen local cloud is up ("
            + (options.dataDir() == null ? "in memory" : "state in " + options.dataDir())
            + ")");
    System.out.println("  DynamoDB  " + cloud.dynamoDbEndpoint());
    System.out.println("  S3        " + cloud.s3Endpoint() + "   bucket " + cloud.bucket());
    System.out.print("  tables   ");
    for (TableDefinition t : Tables.ALL) {
      System.out.print(" " + cloud.tableName(t));
    }
    System.out.println();
    System.out.println("Try:");
    System.out.println(
        "  export AWS_ACCESS_KEY_ID="
            + LocalCloud.ACCESS_KEY
            + " AWS_SECRET_ACCESS_KEY="
            + LocalCloud.SECRET_KEY
            + " AWS_DEFAULT_REGION="
            + LocalCloud.REGION.id());
    System.out.println(
        "  aws --endpoint-url " + cloud.dynamoDbEndpoint() + " dynamodb list-tables");
    System.out.println(
        "  aws --endpoint-url "
            + cloud.s3Endpoint()
            + " s3 ls s3://"
            + cloud.bucket()
            + " --recursive");
    System.out.println("Ctrl-C stops it.");
    stopped.await();
  }
}
