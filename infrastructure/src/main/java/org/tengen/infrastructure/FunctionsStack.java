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
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
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
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The backend: the functions (Java 17 bytecode) as one Lambda on the java21 runtime with SnapStart
 * (Quarkus' handler over Funqy HTTP), behind two HTTP APIs with a route per function ({@link
 * ApiFunction}), each throttled per route, with access logs:
 *
 * <ul>
 *   <li>the contributor API (the contributors' and the dashboard's functions, the public pages),
 *       which contributors reach through a CloudFront distribution whose web ACL ({@link
 *       EdgeStack}) limits each key and each address; the distribution adds the edge secret, and
 *       the functions refuse contributor calls that lack it, so going round the edge gains nothing;
 *   <li>the admin API (the admin's and the training job's functions, and the read-only ones for the
 *       admin), which no contributor route shares, so no contributor traffic can use up its
 *       throttles.
 * </ul>
 *
 * <p>The admin key, the trainer key and the edge secret are secrets the stack generates (48 random
 * letters and digits): no deployment can run with a weak one. The function may touch exactly its
 * prefixes, tables and those secrets.
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
  private final HttpApi adminApi;
  private final Distribution edge;
  private final Secret adminKey;
  private final Secret trainerKey;
  private final LogGroup logs;

  public FunctionsStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentConfig config,
      StorageStack storage,
      String webAclArn) {
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
    RemovalPolicy removal = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    adminKey =
        key(
            "AdminKey",
            config.prefix() + "/admin-key",
            "Tengen admin key (createRun, createContributor, decideRelease, ...)",
            removal);
    trainerKey =
        key(
            "TrainerKey",
            config.prefix() + "/trainer-key",
            "Tengen trainer key (registerNetwork, trainingExclusions)",
            removal);
    Secret edgeSecret =
        key(
            "EdgeSecret",
            config.prefix() + "/edge-secret",
            "Tengen: what the contributor API's CloudFront distribution adds to every request",
            removal);
    environment.put("TENGEN_ADMIN_KEY_SECRET", adminKey.getSecretArn());
    environment.put("TENGEN_TRAINER_KEY_SECRET", trainerKey.getSecretArn());
    environment.put("TENGEN_EDGE_SECRET", edgeSecret.getSecretArn());
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
    for (Secret secret : List.of(adminKey, trainerKey, edgeSecret)) {
      secret.grantRead(function);
    }

    double contributorRate = config.contributorRateLimit();
    double adminRate = config.adminRateLimit();
    Map<String, Double> contributorRoutes = new LinkedHashMap<>();
    Map<String, Double> adminRoutes = new LinkedHashMap<>();
    for (ApiFunction f : ApiFunction.values()) {
      switch (f.caller()) {
        case CONTRIBUTOR -> contributorRoutes.put("POST " + f.path(), contributorRate);
        case CONTRIBUTOR_OR_ADMIN -> {
          contributorRoutes.put("POST " + f.path(), contributorRate);
          adminRoutes.put("POST " + f.path(), adminRate);
        }
        case ADMIN, TRAINER -> adminRoutes.put("POST " + f.path(), adminRate);
      }
    }
    // The read-only dashboard's static files and the public pages, served by the same function.
    for (String path : READ_ONLY_PATHS) {
      contributorRoutes.put("GET " + path, contributorRate);
    }
    api =
        api(
            "Api",
            config.prefix() + "-api",
            "Tengen contributor API (reached through its CloudFront distribution, ApiUrl)",
            contributorRoutes,
            new HttpLambdaIntegration("Functions", live));
    adminApi =
        api(
            "AdminApi",
            config.prefix() + "-admin-api",
            "Tengen admin API: the admin's and the training job's functions",
            adminRoutes,
            // CDK gives each API its own integration (and the function a permission for each).
            new HttpLambdaIntegration("AdminFunctions", live));

    edge = edge(config, api, edgeSecret, webAclArn);

    CfnOutput.Builder.create(this, "ApiUrl")
        .value("https://" + edge.getDistributionDomainName())
        .description("the contributors' API (workers, the dashboard, the pages): through the edge")
        .build();
    CfnOutput.Builder.create(this, "AdminApiUrl")
        .value(adminApi.getApiEndpoint())
        .description("the admin's and the training job's API (./tengen admin: TENGEN_URL)")
        .build();
    CfnOutput.Builder.create(this, "AdminKeySecret").value(adminKey.getSecretArn()).build();
    CfnOutput.Builder.create(this, "TrainerKeySecret").value(trainerKey.getSecretArn()).build();
    CfnOutput.Builder.create(this, "FunctionName").value(function.getFunctionName()).build();
  }

  /** A key the stack draws: 48 letters and digits (285 bits), never chosen by a person. */
  private Secret key(String id, String name, String description, RemovalPolicy removal) {
    return Secret.Builder.create(this, id)
        .secretName(name)
        .description(description)
        .generateSecretString(
            SecretStringGenerator.builder()
                .passwordLength(48)
                .excludePunctuation(true)
                .includeSpace(false)
                .build())
        .removalPolicy(removal)
        .build();
  }

  /**
   * An HTTP API with these routes ("METHOD /path" to requests per second), each throttled on the
   * stage (burst twice the rate), with JSON access logs.
   */
  private HttpApi api(
      String id,
      String name,
      String description,
      Map<String, Double> routes,
      HttpLambdaIntegration integration) {
    HttpApi http =
        HttpApi.Builder.create(this, id)
            .apiName(name)
            .description(description)
            .createDefaultStage(true)
            .build();
    List<software.amazon.awscdk.services.apigatewayv2.HttpRoute> made = new ArrayList<>();
    for (String route : routes.keySet()) {
      String[] methodAndPath = route.split(" ", 2);
      made.addAll(
          http.addRoutes(
              AddRoutesOptions.builder()
                  .path(methodAndPath[1])
                  .methods(List.of(HttpMethod.valueOf(methodAndPath[0])))
                  .integration(integration)
                  .build()));
    }
    // Throttling per route and access logs live on the stage (L1 properties).
    LogGroup accessLogs =
        LogGroup.Builder.create(this, id + "AccessLogs").retention(RetentionDays.ONE_MONTH).build();
    CfnStage stage = (CfnStage) http.getDefaultStage().getNode().getDefaultChild();
    Map<String, Object> routeSettings = new LinkedHashMap<>();
    routes.forEach(
        (route, rate) ->
            // RouteSettings is free-form JSON to the CDK: CloudFormation's own (Pascal-case)
            // names, or the CDK would write the struct's camel-case names CloudFormation ignores.
            routeSettings.put(
                route,
                Map.of(
                    "ThrottlingRateLimit",
                    rate,
                    "ThrottlingBurstLimit",
                    (int) Math.ceil(2 * rate))));
    stage.setRouteSettings(routeSettings);
    // CloudFormation checks each route key in RouteSettings against the API's routes when it
    // creates the stage: without these dependencies it may create the stage first and fail
    // ("Unable to find Route by key ...").
    for (var route : made) {
      http.getDefaultStage().getNode().addDependency(route);
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
    return http;
  }

  /**
   * The contributor API's front door: a CloudFront distribution that caches nothing, forwards every
   * viewer header but Host (the bearer key among them; API Gateway needs its own Host), adds the
   * edge secret (overwriting any a viewer sends), and applies the web ACL's per-client limits.
   */
  private Distribution edge(
      DeploymentConfig config, HttpApi contributors, Secret edgeSecret, String webAclArn) {
    String originDomain =
        contributors.getApiId() + ".execute-api." + getRegion() + "." + getUrlSuffix();
    return Distribution.Builder.create(this, "ApiEdge")
        .comment("Tengen contributor API (" + config.prefix() + ")")
        .defaultBehavior(
            BehaviorOptions.builder()
                .origin(
                    HttpOrigin.Builder.create(originDomain)
                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                        .customHeaders(
                            Map.of(
                                ApiFunction.EDGE_HEADER,
                                edgeSecret.getSecretValue().unsafeUnwrap()))
                        .build())
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .build())
        .webAclId(webAclArn)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .build();
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

  /** The contributor API (its origin; contributors reach it through {@link #edge}). */
  public HttpApi api() {
    return api;
  }

  /** The admin's and the training job's API. */
  public HttpApi adminApi() {
    return adminApi;
  }

  public Distribution edge() {
    return edge;
  }

  public Secret adminKey() {
    return adminKey;
  }

  /** The key the training job registers networks with. */
  public Secret trainerKey() {
    return trainerKey;
  }

  public String logGroupName() {
    return logs.getLogGroupName();
  }
}
