package org.tengen.infrastructure;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth|deploy|destroy} runs this (cdk.json). Stacks by lifecycle: edge
 * (the web ACL, in us-east-1), storage (kept), functions (redeployed with every backend change),
 * compute, observability.
 */
public final class TengenApp {

  private TengenApp() {}

  public static void main(String[] args) {
    App app = new App();
    build(
        app,
        DeploymentConfig.from(k -> app.getNode().tryGetContext(k)),
        System.getenv("CDK_DEFAULT_ACCOUNT"),
        System.getenv("CDK_DEFAULT_REGION"));
    app.synth();
  }

  /**
   * The stacks of one deployment, in an app (tests build them the same way), in an account and
   * region: the edge's web ACL must be in us-east-1 and the functions' distribution refers to it
   * across regions, which CDK can only do between stacks whose account and region it knows.
   */
  public static Stacks build(App app, DeploymentConfig config, String account, String region) {
    if (account == null || account.isBlank() || region == null || region.isBlank()) {
      throw new IllegalArgumentException(
          "the app needs the AWS account and region (cdk takes them from your AWS profile; or set"
              + " CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION): its web ACL goes to "
              + EdgeStack.REGION
              + " and the other stacks to your region");
    }
    String description = "Tengen " + config.environment() + " (" + config.prefix() + ")";
    StackProps props =
        StackProps.builder()
            .env(Environment.builder().account(account).region(region).build())
            .description(description)
            .crossRegionReferences(true)
            .build();
    StackProps edgeProps =
        StackProps.builder()
            .env(Environment.builder().account(account).region(EdgeStack.REGION).build())
            .description(description + ": the edge's web ACL")
            .crossRegionReferences(true)
            .build();
    String name = "Tengen-" + config.environment();
    EdgeStack edge = new EdgeStack(app, name + "-Edge", edgeProps, config);
    StorageStack storage = new StorageStack(app, name + "-Storage", props, config);
    FunctionsStack functions =
        new FunctionsStack(app, name + "-Functions", props, config, storage, edge.webAclArn());
    ComputeStack compute =
        new ComputeStack(app, name + "-Compute", props, config, storage, functions);
    ObservabilityStack observability =
        new ObservabilityStack(app, name + "-Observability", props, config, functions, compute);
    Tags.of(app).add("project", "tengen");
    Tags.of(app).add("environment", config.environment());
    return new Stacks(edge, storage, functions, compute, observability);
  }

  /** The stacks, for tests and for wiring. */
  public record Stacks(
      EdgeStack edge,
      StorageStack storage,
      FunctionsStack functions,
      ComputeStack compute,
      ObservabilityStack observability) {}
}
