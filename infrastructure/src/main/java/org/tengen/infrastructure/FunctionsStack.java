package org.tengen.infrastructure;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.api.ApiFunction;
import org.tengen.core.storage.StorageLayout;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The backend: the functions (Java 17 bytecode) as one Lambda on the java21 runtime with SnapStart
 * (Quarkus' handler over Funqy HTTP), behind an HTTP API with a route per function ({@link
 * ApiFunction}), throttled per route, with access logs. The function may touch exactly its prefixes
 * and tables.
 */
public final class FunctionsStack extends Stack {

  static final String HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

  /**
   * GET routes without a key: the dashboard's files, the public pages and the networks' files
   * (through the function; a network above Lambda's 6 MB response limit needs a CDN in front).
   */
  static final List<String> READ_ONLY_PATHS =
      List.of(
          ApiFunction.DASHBOARD,
          ApiFunction.DASHBOARD + "/{file+}",
          "/public",
          "/public/{file+}",
          "/networks/{file+}");

  private final Function function;
  private final HttpApi api;
  private final LogGroup logs;

  public FunctionsStack(
      Construct scope, String id, StackProps props, DeploymentConfig config, StorageStack storage) {
    super(scope, id, props);
    if (!Files.isRegularFile(config.functionsZip())) {
      throw new IllegalArgumentException(
          "no Lambda package at "
              + config.functionsZip().toAbsolutePath()
              + ": build it with ./tengen lambda (or set the functionsZip context)");
    }
    Bucket bucket = storage.bucket();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("TENGEN_BUCKET", bucket.getBucketName());
    environment.put("TENGEN_TABLE_PREFIX", config.prefix());
    environment.put("TENGEN_REGION", getRegion());
    environment.put("TENGEN_ADMIN_KEY_SHA256", config.adminKeySha256());
    environment.put("TENGEN_TRAINER_KEY_SHA256", config.trainerKeySha256());
    if (!config.curriculum().isEmpty()) {
      environment.put("TENGEN_DEFAULTS_CURRICULUM", config.curriculum());
    }
    if (!config.releasePolicy().isEmpty()) {
      environment.put("TENGEN_DEFAULTS_RELEASE_POLICY", config.releasePolicy());
    }

    logs = LogGroup.Builder.create(this, "FunctionLogs").retention(RetentionDays.ONE_MONTH).build();
    function =
        Function.Builder.create(this, "Functions")
            // java17 runs on Amazon Linux 2, whose support ended on 2026-06-30; java21 runs on
            // Amazon Linux 2023, keeps SnapStart, and runs the Java 17 classes as they are.
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.X86_64)
            .handler(HANDLER)
            .code(Code.fromAsset(config.functionsZip().toString()))
            .memorySize(config.lambdaMemoryMb())
            .timeout(Duration.seconds(config.lambdaTimeoutSeconds()))
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .environment(environment)
            .logGroup(logs)
            .description("Tengen functions (Quarkus Funqy): tasks, uploads, releases, stats")
            .build();
    Alias live =
        Alias.Builder.create(this, "Live")
            .aliasName("live")
            .version(function.getCurrentVersion())
            .build();
    software.amazon.awscdk.Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "the API calls the live alias of the current version, which is published");
    grant(function, bucket, storage.tables());

    api =
        HttpApi.Builder.create(this, "Api")
            .apiName(config.prefix() + "-api")
            .description("Tengen: POST /<function> with JSON and Authorization: Bearer <key>")
            .createDefaultStage(true)
            .build();
    HttpLambdaIntegration integration = new HttpLambdaIntegration("Functions", live);
    List<software.amazon.awscdk.services.apigatewayv2.HttpRoute> routes = new ArrayList<>();
    for (ApiFunction f : ApiFunction.values()) {
      routes.addAll(
          api.addRoutes(
              AddRoutesOptions.builder()
                  .path(f.path())
                  .methods(List.of(HttpMethod.POST))
                  .integration(integration)
                  .build()));
    }
    // The read-only dashboard's static files and the public pages, served by the same function.
    for (String path : READ_ONLY_PATHS) {
      routes.addAll(
          api.addRoutes(
              AddRoutesOptions.builder()
                  .path(path)
                  .methods(List.of(HttpMethod.GET))
                  .integration(integration)
                  .build()));
    }

    // Throttling per route and access logs live on the stage (L1 properties).
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH).build();
    CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
    Map<String, Object> routeSettings = new LinkedHashMap<>();
    for (ApiFunction f : ApiFunction.values()) {
      double rate =
          f.caller() == ApiFunction.Caller.CONTRIBUTOR
                  || f.caller() == ApiFunction.Caller.CONTRIBUTOR_OR_ADMIN
              ? config.contributorRateLimit()
              : config.adminRateLimit();
      // RouteSettings is free-form JSON to the CDK: CloudFormation's own (Pascal-case) names, or
      // the CDK would write the struct's camel-case names that CloudFormation does not know.
      routeSettings.put(
          "POST " + f.path(),
          Map.of("ThrottlingRateLimit", rate, "ThrottlingBurstLimit", (int) Math.ceil(2 * rate)));
    }
    for (String path : READ_ONLY_PATHS) {
      double rate = config.contributorRateLimit();
      routeSettings.put(
          "GET " + path,
          Map.of("ThrottlingRateLimit", rate, "ThrottlingBurstLimit", (int) Math.ceil(2 * rate)));
    }
    stage.setRouteSettings(routeSettings);
    // CloudFormation checks each route key in RouteSettings against the API's routes when it
    // creates the stage: without these dependencies it may create the stage first and fail
    // ("Unable to find Route by key ...").
    for (var route : routes) {
      api.getDefaultStage().getNode().addDependency(route);
    }
    stage.setAccessLogSettings(
        CfnStage.AccessLogSettingsProperty.builder()
            .destinationArn(accessLogs.getLogGroupArn())
            .format(
                "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                    + "\"time\":\"$context.requestTime\",\"route\":\"$context.routeKey\","
                    + "\"status\":\"$context.status\",\"latencyMs\":\"$context.responseLatency\","
                    + "\"integrationError\":\"$context.integrationErrorMessage\"}")
            .build());

    CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).build();
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
  }

  /** Least privilege: the prefixes each use needs, the tables and their indexes, no scan. */
  private static void grant(Function function, Bucket bucket, Map<String, TableV2> tables) {
    // incoming/: the presigned PUT is signed with this role; confirm reads, copies and deletes.
    function.addToRolePolicy(
        Policies.onObjects(
            List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"),
            bucket,
            StorageLayout.INCOMING));
    // Written once each: rejected uploads, shards, SGF copies.
    function.addToRolePolicy(
        Policies.onObjects(
            List.of("s3:PutObject"),
            bucket,
            StorageLayout.REJECTED,
            StorageLayout.TRAINING_DATA,
            StorageLayout.SGF));
    // networks/: read (presigned GET for workers, size check at registration).
    function.addToRolePolicy(
        Policies.onObjects(List.of("s3:GetObject"), bucket, StorageLayout.NETWORKS));
    // public/: the public pages and the figures the functions publish, and serve where no CDN does.
    function.addToRolePolicy(
        Policies.onObjects(List.of("s3:PutObject", "s3:GetObject"), bucket, StorageLayout.PUBLIC));
    // Listing (only so that a missing object answers 404, not 403) under those prefixes.
    function.addToRolePolicy(
        Policies.listUnder(
            bucket, StorageLayout.INCOMING, StorageLayout.NETWORKS, StorageLayout.PUBLIC));
    List<String> tableResources = new ArrayList<>();
    for (TableV2 t : tables.values()) {
      tableResources.add(t.getTableArn());
      tableResources.add(t.getTableArn() + "/index/*");
    }
    function.addToRolePolicy(
        Policies.allow(
            List.of(
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:Query",
                "dynamodb:ConditionCheckItem"),
            tableResources));
  }

  public Function function() {
    return function;
  }

  public HttpApi api() {
    return api;
  }

  public String logGroupName() {
    return logs.getLogGroupName();
  }
}
