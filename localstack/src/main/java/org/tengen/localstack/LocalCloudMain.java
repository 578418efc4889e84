package org.tengen.localstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tengen cloud}: keeps the local cloud running for manual use, prints the endpoints and how
 * to reach them with the AWS CLI, and stops cleanly on Ctrl-C.
 */
@Command(
    name = "tengen cloud",
    mixinStandardHelpOptions = true,
    description = "The local cloud (DynamoDB Local and S3Proxy) for manual use.")
public final class LocalCloudMain implements Callable<Integer> {

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "keep the state in DIR (default: in memory)")
  Path data;

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen cloud", new LocalCloudMain(), args));
  }

  @Override
  public Integer call() throws Exception {
    LocalCloud.Options options =
        data == null ? LocalCloud.Options.inMemory() : LocalCloud.Options.persistent(data);
    LocalCloud cloud = LocalCloud.start(options);
    CountDownLatch stopped = Cli.closeOnStop("tengen cloud", cloud);
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
    return 0;
  }
}
