package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.ApiFunction;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FunctionsStackTest {

  @Test
  void theFunctionIsOnJava21WithSnapStartAndItsConfiguration() {
    Template t = Synth.functions();
    t.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime",
            "java21",
            "Handler",
            FunctionsStack.HANDLER,
            "MemorySize",
            2048,
            "Timeout",
            29,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions"),
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "TENGEN_TABLE_PREFIX", "tengen-dev",
                        "TENGEN_ADMIN_KEY_SECRET", Match.anyValue(),
                        "TENGEN_TRAINER_KEY_SECRET", Match.anyValue(),
                        "TENGEN_EDGE_SECRET", Match.anyValue())))));
    Map<String, Object> variables = environment(t);
    assertFalse(
        variables.keySet().stream().anyMatch(k -> k.endsWith("_SHA256")),
        "no key is given as a hash any more: " + variables.keySet());
    // The API calls the published version (SnapStart applies to versions), through an alias.
    t.resourceCountIs("AWS::Lambda::Alias", 1);
  }

  /** Each API's name and its route keys. */
  private static Map<String, Set<String>> routesByApi(Template t) {
    Map<String, String> names = new java.util.HashMap<>();
    t.findResources("AWS::ApiGatewayV2::Api")
        .forEach((id, api) -> names.put(id, (String) props(api).get("Name")));
    Map<String, Set<String>> routes = new java.util.TreeMap<>();
    for (Map<String, Object> r : t.findResources("AWS::ApiGatewayV2::Route").values()) {
      @SuppressWarnings("unchecked")
      String api = ((Map<String, String>) props(r).get("ApiId")).get("Ref");
      routes
          .computeIfAbsent(names.get(api), k -> new TreeSet<>())
          .add((String) props(r).get("RouteKey"));
    }
    return routes;
  }

  @Test
  void contributorAndAdminFunctionsAreOnSeparateApisEachRouteThrottled() {
    Template t = Synth.functions();
    Set<String> contributor = new TreeSet<>();
    Set<String> admin = new TreeSet<>();
    for (ApiFunction f : ApiFunction.values()) {
      switch (f.caller()) {
        case CONTRIBUTOR -> contributor.add("POST " + f.path());
        case CONTRIBUTOR_OR_ADMIN -> {
          contributor.add("POST " + f.path());
          admin.add("POST " + f.path());
        }
        case ADMIN, TRAINER -> admin.add("POST " + f.path());
      }
    }
    // and, read-only without a key, the dashboard's files, the public pages, the networks' files
    for (String path :
        List.of(
            ApiFunction.DASHBOARD,
            ApiFunction.DASHBOARD + "/{file+}",
            "/public",
            "/public/{file+}",
            "/networks/{file+}")) {
      contributor.add("GET " + path);
    }
    assertEquals(
        Map.of("tengen-dev-api", contributor, "tengen-dev-admin-api", admin),
        routesByApi(t),
        "the contributor API has no admin or trainer route, the admin API no contributor route");

    Map<String, Map<String, Map<String, Object>>> settingsByApi = new java.util.HashMap<>();
    Map<String, String> names = new java.util.HashMap<>();
    t.findResources("AWS::ApiGatewayV2::Api")
        .forEach((id, api) -> names.put(id, (String) props(api).get("Name")));
    for (Map<String, Object> stage : t.findResources("AWS::ApiGatewayV2::Stage").values()) {
      @SuppressWarnings("unchecked")
      String api = ((Map<String, String>) props(stage).get("ApiId")).get("Ref");
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> settings =
          (Map<String, Map<String, Object>>) props(stage).get("RouteSettings");
      settingsByApi.put(names.get(api), settings);
      @SuppressWarnings("unchecked")
      Map<String, Object> access = (Map<String, Object>) props(stage).get("AccessLogSettings");
      assertTrue(
          access.containsKey("DestinationArn") && access.containsKey("Format"), access.toString());
    }
    assertEquals(contributor, settingsByApi.get("tengen-dev-api").keySet());
    assertEquals(admin, settingsByApi.get("tengen-dev-admin-api").keySet());
    assertEquals(50.0, rate(settingsByApi.get("tengen-dev-api").get("POST /confirmUpload")));
    assertEquals(50.0, rate(settingsByApi.get("tengen-dev-api").get("POST /stats")));
    assertEquals(5.0, rate(settingsByApi.get("tengen-dev-admin-api").get("POST /createRun")));
    assertEquals(5.0, rate(settingsByApi.get("tengen-dev-admin-api").get("POST /stats")));
  }

  private static double rate(Map<String, Object> setting) {
    return ((Number) setting.get("ThrottlingRateLimit")).doubleValue();
  }

  @Test
  void eachStageIsCreatedAfterEveryRouteItThrottles() {
    Template t = Synth.functions();
    Map<String, Map<String, Object>> routes = t.findResources("AWS::ApiGatewayV2::Route");
    Map<String, Map<String, Object>> stages = t.findResources("AWS::ApiGatewayV2::Stage");
    assertEquals(2, stages.size());
    for (Map<String, Object> stage : stages.values()) {
      Object api = props(stage).get("ApiId");
      Set<String> routeIds = new TreeSet<>();
      routes.forEach(
          (id, r) -> {
            if (props(r).get("ApiId").equals(api)) {
              routeIds.add(id);
            }
          });
      @SuppressWarnings("unchecked")
      List<String> dependsOn = (List<String>) stage.getOrDefault("DependsOn", List.of());
      assertFalse(routeIds.isEmpty());
      assertTrue(
          new TreeSet<>(dependsOn).containsAll(routeIds),
          "the stage's RouteSettings name every route, so CloudFormation must create them first;"
              + " missing: "
              + routeIds.stream().filter(r -> !dependsOn.contains(r)).toList());
    }
  }

  @Test
  void contributorsReachTheirApiThroughAnEdgeThatAddsItsSecretAndAppliesTheWebAcl() {
    Template t = Synth.functions();
    Map<String, Map<String, Object>> distributions =
        t.findResources("AWS::CloudFront::Distribution");
    assertEquals(1, distributions.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> config =
        (Map<String, Object>)
            props(distributions.values().iterator().next()).get("DistributionConfig");
    String text = config.toString();
    assertTrue(config.containsKey("WebACLId"), "the web ACL with the per-client limits: " + text);
    @SuppressWarnings("unchecked")
    Map<String, Object> origin =
        (Map<String, Object>) ((List<Object>) config.get("Origins")).get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> headers =
        (List<Map<String, Object>>) origin.get("OriginCustomHeaders");
    assertEquals(ApiFunction.EDGE_HEADER, headers.get(0).get("HeaderName"));
    assertTrue(
        headers.get(0).get("HeaderValue").toString().contains("{{resolve:secretsmanager:"),
        "the edge secret is resolved at deploy time, never written into the template: "
            + headers.get(0));
    assertTrue(text.contains("execute-api"), "the origin is the contributor API: " + text);
    @SuppressWarnings("unchecked")
    Map<String, Object> behavior = (Map<String, Object>) config.get("DefaultCacheBehavior");
    assertEquals("https-only", behavior.get("ViewerProtocolPolicy"));
    assertEquals(7, ((List<?>) behavior.get("AllowedMethods")).size(), "POST passes");
    // Managed policies: CachingDisabled, AllViewerExceptHostHeader (the bearer key passes).
    assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", behavior.get("CachePolicyId"));
    assertEquals("b689b0a8-53d0-40ab-baf2-68738e2966ac", behavior.get("OriginRequestPolicyId"));
  }

  @Test
  void theKeysAreSecretsTheStackDrawsNeverAChosenOrAHashedOne() {
    Template t = Synth.functions();
    Map<String, Map<String, Object>> secrets = t.findResources("AWS::SecretsManager::Secret");
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> s : secrets.values()) {
      names.add((String) props(s).get("Name"));
      @SuppressWarnings("unchecked")
      Map<String, Object> generate = (Map<String, Object>) props(s).get("GenerateSecretString");
      assertEquals(48, ((Number) generate.get("PasswordLength")).intValue(), generate.toString());
      assertEquals(true, generate.get("ExcludePunctuation"));
    }
    assertEquals(
        Set.of("tengen-dev/admin-key", "tengen-dev/trainer-key", "tengen-dev/edge-secret"), names);
    for (String gone : List.of("adminKeySha256", "trainerKeySha256")) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> Synth.stacks("dev", Map.of(gone, "ab".repeat(32))));
      assertTrue(e.getMessage().contains(gone), e.getMessage());
    }
  }

  @Test
  void thePolicyNamesExactPrefixesAndTablesAndNoWildcard() {
    Template t = Synth.functions();
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : t.findResources("AWS::IAM::Policy").values()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> s =
          (List<Map<String, Object>>)
              ((Map<String, Object>) props(policy).get("PolicyDocument")).get("Statement");
      statements.addAll(s);
    }
    assertFalse(statements.isEmpty());
    Set<String> s3Prefixes = new TreeSet<>();
    for (Map<String, Object> s : statements) {
      List<String> actions = strings(s.get("Action"));
      for (String a : actions) {
        assertFalse(a.equals("*") || a.endsWith(":*"), "a wildcard action: " + s);
        assertFalse(a.equals("dynamodb:Scan"), "no scans: " + s);
      }
      for (Object resource : list(s.get("Resource"))) {
        String text = resource.toString();
        assertFalse(text.equals("*"), "a wildcard resource: " + s);
        if (actions.stream().anyMatch(a -> a.startsWith("s3:") && !a.equals("s3:ListBucket"))) {
          // Fn::Join [ "", [ <bucket arn>, "/incoming/*" ] ]: the suffix names the prefix.
          String suffix = text.replaceAll("(?s).*\"?(/[a-z_]+/\\*)\"?.*", "$1");
          assertTrue(suffix.matches("/[a-z_]+/\\*"), "an object resource without prefix: " + text);
          s3Prefixes.add(suffix);
        }
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "/incoming/*",
                "/rejected/*",
                "/training_data/*",
                "/sgf/*",
                "/networks/*",
                "/public/*")),
        s3Prefixes);
  }

  @Test
  void theRunsSettingsComeFromContextAndAreCheckedAtSynth() {
    Template t =
        Template.fromStack(
            Synth.stacks(
                    "dev", Map.of("curriculum", "*:9:400", "releasePolicy", "seed:400:20:10000"))
                .functions());
    t.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "TENGEN_DEFAULTS_CURRICULUM", "*:9:400",
                        "TENGEN_DEFAULTS_RELEASE_POLICY", "seed:400:20:10000")))));
    IllegalArgumentException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> Synth.stacks("dev", Map.of("curriculum", "9x9 please")));
    assertTrue(bad.getMessage() != null && !bad.getMessage().isEmpty());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Synth.stacks("staging", Map.of()));
    // A run name that would make an invalid SageMaker job name fails here, not at deploy time.
    IllegalArgumentException run =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Synth.stacks("dev", Map.of("run", "kata_1")));
    assertTrue(run.getMessage().contains("context 'run'"), run.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Template t) {
    Map<String, Object> fn =
        t.findResources("AWS::Lambda::Function").values().stream()
            .filter(f -> FunctionsStack.HANDLER.equals(props(f).get("Handler")))
            .findFirst()
            .orElseThrow();
    return (Map<String, Object>)
        ((Map<String, Object>) props(fn).get("Environment")).get("Variables");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of(o);
  }

  static List<String> strings(Object o) {
    return list(o).stream().map(Object::toString).toList();
  }
}
