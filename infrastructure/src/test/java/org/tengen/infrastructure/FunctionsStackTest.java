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
                        "TENGEN_ADMIN_KEY_SHA256", "ab".repeat(32),
                        "TENGEN_TRAINER_KEY_SHA256", "unset")))));
    // The API calls the published version (SnapStart applies to versions), through an alias.
    t.resourceCountIs("AWS::Lambda::Alias", 1);
  }

  @Test
  void everyFunctionHasItsRouteAndThrottle() {
    Template t = Synth.functions();
    Set<String> routes = new TreeSet<>();
    for (Map<String, Object> r : t.findResources("AWS::ApiGatewayV2::Route").values()) {
      routes.add((String) props(r).get("RouteKey"));
    }
    Set<String> expected = new TreeSet<>();
    for (ApiFunction f : ApiFunction.values()) {
      expected.add("POST " + f.path());
    }
    // and, read-only without a key, the dashboard's files, the public pages, the networks' files
    for (String path :
        List.of(
            ApiFunction.DASHBOARD,
            ApiFunction.DASHBOARD + "/{file+}",
            "/public",
            "/public/{file+}",
            "/networks/{file+}")) {
      expected.add("GET " + path);
    }
    assertEquals(
        expected, routes, "one route per function, the read-only pages and files, nothing else");
    Map<String, Object> stage =
        props(t.findResources("AWS::ApiGatewayV2::Stage").values().iterator().next());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> settings =
        (Map<String, Map<String, Object>>) stage.get("RouteSettings");
    assertEquals(expected, new TreeSet<>(settings.keySet()), settings.toString());
    assertEquals(
        50.0,
        ((Number) settings.get("POST /confirmUpload").get("ThrottlingRateLimit")).doubleValue());
    assertEquals(
        5.0, ((Number) settings.get("POST /createRun").get("ThrottlingRateLimit")).doubleValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> access = (Map<String, Object>) stage.get("AccessLogSettings");
    assertTrue(
        access.containsKey("DestinationArn") && access.containsKey("Format"), access.toString());
  }

  @Test
  void theStageIsCreatedAfterEveryRouteItThrottles() {
    Template t = Synth.functions();
    Set<String> routeIds = new TreeSet<>(t.findResources("AWS::ApiGatewayV2::Route").keySet());
    Map<String, Object> stage =
        t.findResources("AWS::ApiGatewayV2::Stage").values().iterator().next();
    @SuppressWarnings("unchecked")
    List<String> dependsOn = (List<String>) stage.getOrDefault("DependsOn", List.of());
    assertFalse(routeIds.isEmpty());
    assertTrue(
        new TreeSet<>(dependsOn).containsAll(routeIds),
        "the stage's RouteSettings name every route, so CloudFormation must create them first;"
            + " missing: "
            + routeIds.stream().filter(r -> !dependsOn.contains(r)).toList());
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
