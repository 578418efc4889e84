package org.tengen.infrastructure;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth|deploy|destroy} runs this (cdk.json). Stacks by lifecycle: storage
 * (kept), functions (redeployed with every backend change).
 */
public final class TengenApp {

  private TengenApp() {}

  public static void main(String[] args) {
    App app = new App();
    build(app, DeploymentConfig.from(k -> app.getNode().tryGetContext(k)));
    app.synth();
  }

  /** The stacks of one deployment, in an app (tests build them the same way). */
  public static Stacks build(App app, DeploymentConfig config) {
    StackProps props =
        StackProps.builder()
            .env(
                Environment.builder()
                    .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                    .region(System.getenv("CDK_DEFAULT_REGION"))
                    .build())
            .description("Tengen " + config.environment() + " (" + config.prefix() + ")")
            .build();
    String name = "Tengen-" + config.environment();
    StorageStack storage = new StorageStack(app, name + "-Storage", props, config);
    FunctionsStack functions = new FunctionsStack(app, name + "-Functions", props, config, storage);
    ComputeStack compute =
        new ComputeStack(app, name + "-Compute", props, config, storage, functions);
    ObservabilityStack observability =
        new ObservabilityStack(app, name + "-Observability", props, config, functions, compute);
    Tags.of(app).add("project", "tengen");
    Tags.of(app).add("environment", config.environment());
    return new Stacks(storage, functions, compute, observability);
  }

  /** The stacks, for tests and for wiring. */
  public record Stacks(
      StorageStack storage,
      FunctionsStack functions,
      ComputeStack compute,
      ObservabilityStack observability) {}
}
