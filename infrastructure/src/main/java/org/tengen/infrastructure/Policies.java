package org.tengen.infrastructure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/** IAM statements the stacks grant with: always named actions, always named resources. */
final class Policies {

  private Policies() {}

  static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }

  /** {@code actions} on the objects under exactly these prefixes of the bucket. */
  static PolicyStatement onObjects(List<String> actions, IBucket bucket, String... prefixes) {
    return allow(
        actions, Arrays.stream(prefixes).map(p -> bucket.getBucketArn() + "/" + p + "*").toList());
  }

  /** Listing the bucket, but only under these prefixes. */
  static PolicyStatement listUnder(IBucket bucket, String... prefixes) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(bucket.getBucketArn()))
        .conditions(
            Map.of(
                "StringLike",
                Map.of("s3:prefix", Arrays.stream(prefixes).map(p -> p + "*").toList())))
        .build();
  }
}
