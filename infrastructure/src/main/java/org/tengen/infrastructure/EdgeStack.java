package org.tengen.infrastructure;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * What CloudFront reads from us-east-1 only: the web ACL in front of the contributor API, with the
 * per-client rate limits that an HTTP API's route throttles cannot give (those are shared by every
 * caller of a route, so one client could use them up for all).
 *
 * <p>Two rate-based rules, each over five minutes: requests per bearer key (a contributor's key, or
 * any junk a flood sends), and requests per address (requests without a key, and many keys from one
 * place). A client over either limit gets 429 with Retry-After until its rate falls again; everyone
 * else is untouched.
 */
public final class EdgeStack extends Stack {

  /** The region CloudFront takes its web ACLs from. */
  public static final String REGION = "us-east-1";

  private final CfnWebACL acl;

  public EdgeStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
    super(scope, id, props);
    if (!REGION.equals(getRegion())) {
      throw new IllegalArgumentException(
          "the edge stack must be in " + REGION + " (CloudFront's web ACLs), not " + getRegion());
    }
    acl =
        CfnWebACL.Builder.create(this, "ApiLimits")
            .name(config.prefix() + "-api-limits")
            .description("Tengen: per-client rate limits in front of the contributor API")
            .scope("CLOUDFRONT")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility(config.prefix() + "-api-limits"))
            .customResponseBodies(
                java.util.Map.of(
                    "slow-down",
                    CfnWebACL.CustomResponseBodyProperty.builder()
                        .contentType("APPLICATION_JSON")
                        .content(
                            "{\"code\":\"RATE_LIMITED\",\"message\":\"too many requests from this"
                                + " key or address; retry after the Retry-After seconds\"}")
                        .build()))
            .rules(
                List.of(
                    rateRule(
                        "PerKey",
                        0,
                        config.keyRequestsPerFiveMinutes(),
                        CfnWebACL.RateBasedStatementProperty.builder()
                            .limit(config.keyRequestsPerFiveMinutes())
                            .evaluationWindowSec(300)
                            .aggregateKeyType("CUSTOM_KEYS")
                            .customKeys(
                                List.of(
                                    CfnWebACL.RateBasedStatementCustomKeyProperty.builder()
                                        .header(
                                            CfnWebACL.RateLimitHeaderProperty.builder()
                                                .name("authorization")
                                                .textTransformations(
                                                    List.of(
                                                        CfnWebACL.TextTransformationProperty
                                                            .builder()
                                                            .priority(0)
                                                            .type("NONE")
                                                            .build()))
                                                .build())
                                        .build()))
                            .build(),
                        config.prefix()),
                    rateRule(
                        "PerAddress",
                        1,
                        config.addressRequestsPerFiveMinutes(),
                        CfnWebACL.RateBasedStatementProperty.builder()
                            .limit(config.addressRequestsPerFiveMinutes())
                            .evaluationWindowSec(300)
                            .aggregateKeyType("IP")
                            .build(),
                        config.prefix())))
            .build();
  }

  private static CfnWebACL.RuleProperty rateRule(
      String name,
      int priority,
      long limit,
      CfnWebACL.RateBasedStatementProperty statement,
      String prefix) {
    return CfnWebACL.RuleProperty.builder()
        .name(name)
        .priority(priority)
        .statement(CfnWebACL.StatementProperty.builder().rateBasedStatement(statement).build())
        .action(
            CfnWebACL.RuleActionProperty.builder()
                .block(
                    CfnWebACL.BlockActionProperty.builder()
                        .customResponse(
                            CfnWebACL.CustomResponseProperty.builder()
                                .responseCode(429)
                                .customResponseBodyKey("slow-down")
                                .responseHeaders(
                                    List.of(
                                        CfnWebACL.CustomHTTPHeaderProperty.builder()
                                            .name("Retry-After")
                                            .value("60")
                                            .build()))
                                .build())
                        .build())
                .build())
        .visibilityConfig(visibility(prefix + "-" + name.toLowerCase(java.util.Locale.ROOT)))
        .build();
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .metricName(metric)
        .build();
  }

  /** The web ACL's ARN, for the contributor API's distribution. */
  public String webAclArn() {
    return acl.getAttrArn();
  }
}
