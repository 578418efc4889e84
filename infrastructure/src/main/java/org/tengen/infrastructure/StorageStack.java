package org.tengen.infrastructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TablePropsV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * What outlives every deploy: the bucket and the tables. The tables come from core's {@link
 * Tables}, the same definitions the functions and the local cloud use.
 *
 * <p>S3 versioning is a bucket-wide switch; it is on, and the lifecycle rules drop old versions
 * after a day everywhere except under {@code networks/}, whose overwritten or deleted files stay
 * recoverable for a year. That is "versioning on networks/" as S3 can have it.
 */
public final class StorageStack extends Stack {

  private final Bucket bucket;
  private final Distribution pages;
  private final Map<String, TableV2> tables = new LinkedHashMap<>();

  public StorageStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
    super(scope, id, props);
    RemovalPolicy removal = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    bucket =
        Bucket.Builder.create(this, "Data")
            .bucketName(config.prefix() + "-" + getAccount() + "-" + getRegion())
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .versioned(true)
            .removalPolicy(removal)
            .autoDeleteObjects(!config.production())
            .lifecycleRules(lifecycle())
            .build();

    for (TableDefinition t : Tables.ALL) {
      TablePropsV2.Builder b =
          TablePropsV2.builder()
              .tableName(t.tableName(config.prefix()))
              .partitionKey(attribute(t.partitionKey()))
              .billing(Billing.onDemand())
              .encryption(TableEncryptionV2.awsManagedKey())
              .pointInTimeRecoverySpecification(
                  PointInTimeRecoverySpecification.builder()
                      .pointInTimeRecoveryEnabled(true)
                      .build())
              .deletionProtection(config.production())
              .removalPolicy(removal);
      t.sortKey().ifPresent(k -> b.sortKey(attribute(k)));
      t.ttlAttribute().ifPresent(b::timeToLiveAttribute);
      if (!t.indexes().isEmpty()) {
        b.globalSecondaryIndexes(
            t.indexes().stream()
                .map(
                    i -> {
                      GlobalSecondaryIndexPropsV2.Builder g =
                          GlobalSecondaryIndexPropsV2.builder()
                              .indexName(i.name())
                              .partitionKey(attribute(i.partitionKey()));
                      i.sortKey().ifPresent(k -> g.sortKey(attribute(k)));
                      return g.build();
                    })
                .toList());
      }
      tables.put(t.baseName(), new TableV2(this, "Table-" + t.baseName(), b.build()));
    }

    CfnOutput.Builder.create(this, "BucketName").value(bucket.getBucketName()).build();

    pages = publicPages(bucket);
    CfnOutput.Builder.create(this, "PublicPagesUrl")
        .value("https://" + pages.getDistributionDomainName() + "/")
        .description("the public pages (append ?run=NAME); network downloads under /networks/")
        .build();
  }

  /**
   * The CDN in front of the public pages: the functions publish them under {@code public/} (the
   * site's root: {@code /index.html}, {@code /runs/{run}.json}) and the trainer writes networks
   * under {@code networks/} ({@code /networks/{run}/{name}.bin.gz}, the download links the pages
   * give). Every path resolves to a key under one of those two prefixes; the bucket stays private,
   * read by the distribution alone (origin access control), over HTTPS, GET and HEAD only.
   */
  private Distribution publicPages(Bucket bucket) {
    BehaviorOptions networks =
        BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(bucket))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .build();
    return Distribution.Builder.create(this, "PublicPages")
        .comment("Tengen public pages and network downloads")
        .defaultRootObject("index.html")
        .defaultBehavior(
            BehaviorOptions.builder()
                .origin(
                    S3BucketOrigin.withOriginAccessControl(
                        bucket,
                        S3BucketOriginWithOACProps.builder()
                            .originPath("/" + StorageLayout.PUBLIC.replace("/", ""))
                            .build()))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .build())
        .additionalBehaviors(Map.of("/" + StorageLayout.NETWORKS + "*", networks))
        .priceClass(PriceClass.PRICE_CLASS_100)
        .build();
  }

  public Distribution publicPages() {
    return pages;
  }

  private static List<LifecycleRule> lifecycle() {
    return List.of(
        LifecycleRule.builder()
            .id("incoming-uploads-expire")
            .prefix(StorageLayout.INCOMING)
            .expiration(Duration.days(1))
            .noncurrentVersionExpiration(Duration.days(1))
            .build(),
        LifecycleRule.builder()
            .id("rejected-uploads-expire")
            .prefix(StorageLayout.REJECTED)
            .expiration(Duration.days(30))
            .noncurrentVersionExpiration(Duration.days(1))
            .build(),
        LifecycleRule.builder()
            .id("old-versions-outside-networks")
            .prefix(StorageLayout.TRAINING_DATA)
            .noncurrentVersionExpiration(Duration.days(1))
            .build(),
        LifecycleRule.builder()
            .id("old-sgf-versions")
            .prefix(StorageLayout.SGF)
            .noncurrentVersionExpiration(Duration.days(1))
            .build(),
        LifecycleRule.builder()
            .id("old-checkpoint-versions")
            .prefix(StorageLayout.CHECKPOINTS)
            .noncurrentVersionExpiration(Duration.days(1))
            .build(),
        LifecycleRule.builder()
            .id("network-versions-kept-a-year")
            .prefix(StorageLayout.NETWORKS)
            .noncurrentVersionExpiration(Duration.days(365))
            .build(),
        // Every confirmed upload is deleted from incoming/, which in a versioned bucket leaves a
        // delete marker over a noncurrent version; once that version expires (a day later) the
        // marker is alone and this rule removes it, where a Days expiration would wait a day more.
        // ExpiredObjectDeleteMarker cannot share a rule with Days, hence a rule of its own.
        LifecycleRule.builder()
            .id("incoming-delete-markers")
            .prefix(StorageLayout.INCOMING)
            .expiredObjectDeleteMarker(true)
            .build(),
        LifecycleRule.builder()
            .id("abort-incomplete-multipart")
            .abortIncompleteMultipartUploadAfter(Duration.days(1))
            .build());
  }

  private static Attribute attribute(TableDefinition.Key key) {
    return Attribute.builder()
        .name(key.name())
        .type(
            key.type() == TableDefinition.KeyType.STRING
                ? AttributeType.STRING
                : AttributeType.NUMBER)
        .build();
  }

  public Bucket bucket() {
    return bucket;
  }

  /** Tables by base name (runs, networks, …). */
  public Map<String, TableV2> tables() {
    return Map.copyOf(tables);
  }
}
