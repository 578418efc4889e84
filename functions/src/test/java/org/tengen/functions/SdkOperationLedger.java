package org.tengen.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Every S3 and DynamoDB operation the functions make during the test suite, as the IAM action it
 * needs and the resource it touches ({@code dynamodb:GetItem contributors}, {@code dynamodb:Query
 * contributors/index}, {@code s3:PutObject incoming/}), written to {@code
 * target/sdk-operations/<pid>.tsv} when the test JVM ends. The infrastructure module's {@code
 * IamCoverageTest} checks each line against what the synthesized Functions stack grants, so an
 * operation that IAM would refuse on AWS fails the build here.
 */
final class SdkOperationLedger {

  /**
   * One file per test JVM and class loader (surefire may fork several JVMs, and Quarkus loads the
   * test classes again for each application it starts); the reader takes their union.
   */
  static final Path FILE =
      Path.of(
          "target/sdk-operations",
          ProcessHandle.current().pid()
              + "-"
              + Integer.toHexString(System.identityHashCode(SdkOperationLedger.class))
              + ".tsv");

  private static final Set<String> SEEN = new ConcurrentSkipListSet<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.createDirectories(FILE.getParent());
                    Files.write(FILE, new TreeSet<>(SEEN));
                  } catch (IOException e) {
                    System.err.println("sdk-operations.tsv not written: " + e);
                  }
                },
                "sdk-operation-ledger"));
  }

  private SdkOperationLedger() {}

  static void note(SdkRequest request) {
    SEEN.addAll(lines(request));
  }

  /** The (action, resource) lines of one request. */
  static List<String> lines(SdkRequest r) {
    List<String> out = new ArrayList<>();
    if (r instanceof GetItemRequest g) {
      out.add(dynamo("GetItem", g.tableName()));
    } else if (r instanceof PutItemRequest p) {
      out.add(dynamo("PutItem", p.tableName()));
    } else if (r instanceof UpdateItemRequest u) {
      out.add(dynamo("UpdateItem", u.tableName()));
    } else if (r instanceof DeleteItemRequest d) {
      out.add(dynamo("DeleteItem", d.tableName()));
    } else if (r instanceof QueryRequest q) {
      out.add(dynamo("Query", q.tableName()) + (q.indexName() == null ? "" : "/index"));
    } else if (r instanceof ScanRequest s) {
      out.add(dynamo("Scan", s.tableName()));
    } else if (r instanceof TransactWriteItemsRequest t) {
      for (TransactWriteItem i : t.transactItems()) {
        if (i.put() != null) {
          out.add(dynamo("PutItem", i.put().tableName()));
        }
        if (i.update() != null) {
          out.add(dynamo("UpdateItem", i.update().tableName()));
        }
        if (i.delete() != null) {
          out.add(dynamo("DeleteItem", i.delete().tableName()));
        }
        if (i.conditionCheck() != null) {
          out.add(dynamo("ConditionCheckItem", i.conditionCheck().tableName()));
        }
      }
    } else if (r instanceof PutObjectRequest p) {
      out.add(s3("PutObject", p.key()));
    } else if (r instanceof GetObjectRequest g) {
      out.add(s3("GetObject", g.key()));
    } else if (r instanceof HeadObjectRequest h) {
      out.add(s3("GetObject", h.key())); // HEAD is authorized as GetObject
    } else if (r instanceof DeleteObjectRequest d) {
      out.add(s3("DeleteObject", d.key()));
    } else if (r instanceof CopyObjectRequest c) {
      // The source is either sourceKey or, in the older form, "bucket/key" in copySource.
      String source =
          c.sourceKey() != null
              ? c.sourceKey()
              : c.copySource().substring(c.copySource().indexOf('/') + 1);
      out.add(s3("GetObject", source));
      out.add(s3("PutObject", c.destinationKey()));
    } else if (r instanceof ListObjectsV2Request l) {
      out.add("s3:ListBucket\t" + prefix(l.prefix()));
    } else {
      out.add("unknown:" + r.getClass().getSimpleName() + "\t-");
    }
    return out;
  }

  private static String dynamo(String action, String table) {
    for (TableDefinition t : Tables.ALL) {
      if (table.equals(t.tableName("")) || table.endsWith("-" + t.tableName(""))) {
        return "dynamodb:" + action + "\t" + t.tableName("");
      }
    }
    return "dynamodb:" + action + "\t?" + table;
  }

  private static String s3(String action, String key) {
    return "s3:" + action + "\t" + prefix(key);
  }

  /** The key's first segment with its slash: the prefix IAM statements are written for. */
  private static String prefix(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash + 1);
  }
}
