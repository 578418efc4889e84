package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StorageStackTest {

  @Test
  void theBucketIsEncryptedPrivateAndTlsOnly() {
    Template t = Synth.storage("dev");
    t.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "BucketEncryption",
            Map.of(
                "ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            "PublicAccessBlockConfiguration",
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true),
            "VersioningConfiguration",
            Map.of("Status", "Enabled")));
    t.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Deny",
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  @Test
  void uploadsExpireAndNetworksKeepTheirVersions() {
    Template t = Synth.storage("dev");
    t.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Prefix", "incoming/", "ExpirationInDays", 1, "Status", "Enabled")),
                        Match.objectLike(Map.of("Prefix", "rejected/", "ExpirationInDays", 30)),
                        Match.objectLike(
                            Map.of(
                                "Prefix",
                                "networks/",
                                "NoncurrentVersionExpiration",
                                Map.of("NoncurrentDays", 365))),
                        Match.objectLike(
                            Map.of(
                                "Prefix",
                                "incoming/",
                                "ExpiredObjectDeleteMarker",
                                true,
                                "NoncurrentVersionExpiration",
                                Match.absent(),
                                "ExpirationInDays",
                                Match.absent())))))));
  }

  @Test
  void everyTableIsOnDemandWithPointInTimeRecovery() {
    Template t = Synth.storage("dev");
    t.resourceCountIs("AWS::DynamoDB::GlobalTable", 6);
    Map<String, Map<String, Object>> tables = t.findResources("AWS::DynamoDB::GlobalTable");
    for (Map<String, Object> table : tables.values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) table.get("Properties");
      assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), p.toString());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> replicas = (List<Map<String, Object>>) p.get("Replicas");
      Map<String, Object> replica = replicas.get(0);
      assertEquals(
          Map.of("PointInTimeRecoveryEnabled", true),
          replica.get("PointInTimeRecoverySpecification"),
          p.toString());
      assertEquals(false, replica.get("DeletionProtectionEnabled"), "dev: no deletion protection");
    }
    assertEquals("Delete", tables.values().iterator().next().get("DeletionPolicy"));
  }

  @Test
  void productionProtectsAndRetainsItsData() {
    Template t = Synth.storage("prod");
    for (Map<String, Object> table : t.findResources("AWS::DynamoDB::GlobalTable").values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) table.get("Properties");
      @SuppressWarnings("unchecked")
      Map<String, Object> replica = ((List<Map<String, Object>>) p.get("Replicas")).get(0);
      assertEquals(true, replica.get("DeletionProtectionEnabled"));
      assertEquals("Retain", table.get("DeletionPolicy"));
    }
    Map<String, Map<String, Object>> buckets = t.findResources("AWS::S3::Bucket");
    assertTrue(buckets.values().stream().allMatch(b -> "Retain".equals(b.get("DeletionPolicy"))));
    assertTrue(
        t.findResources("Custom::S3AutoDeleteObjects").isEmpty(),
        "production never empties its bucket on teardown");
  }

  /**
   * The public pages behind a CDN: the site's root is the bucket's public/ prefix, /networks/* its
   * networks/ prefix, nothing else; HTTPS, GET and HEAD; the bucket stays private and is read by
   * the distribution alone.
   */
  @Test
  void thePublicPagesAreServedByACdnFromTwoPrefixesOfThePrivateBucket() {
    Template t = Synth.storage("dev");
    t.resourceCountIs("AWS::CloudFront::Distribution", 1);
    t.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "DefaultRootObject",
                    "index.html",
                    "DefaultCacheBehavior",
                    Match.objectLike(
                        Map.of(
                            "ViewerProtocolPolicy",
                            "redirect-to-https",
                            "AllowedMethods",
                            List.of("GET", "HEAD"))),
                    "CacheBehaviors",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "PathPattern",
                                "/networks/*",
                                "ViewerProtocolPolicy",
                                "redirect-to-https",
                                "AllowedMethods",
                                List.of("GET", "HEAD")))),
                    "Origins",
                    Match.arrayWith(List.of(Match.objectLike(Map.of("OriginPath", "/public"))))))));
    t.resourceCountIs("AWS::CloudFront::OriginAccessControl", 2);
    t.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                "s3:GetObject",
                                "Principal",
                                Map.of("Service", "cloudfront.amazonaws.com"))))))));
    // The bucket's public access block stays on: only the distribution reads it.
    t.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "PublicAccessBlockConfiguration",
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true)));
  }
}
