package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The per-client rate limits in front of the contributor API, where CloudFront reads them. */
class EdgeStackTest {

  @Test
  void theWebAclLimitsEachKeyAndEachAddressAndAnswers429() {
    TengenApp.Stacks stacks =
        Synth.stacks(
            "dev",
            Map.of("keyRequestsPerFiveMinutes", "900", "addressRequestsPerFiveMinutes", "4000"));
    assertEquals(EdgeStack.REGION, stacks.edge().getRegion(), "CloudFront's web ACLs");
    assertEquals(Synth.REGION, stacks.functions().getRegion());
    Template t = Template.fromStack(stacks.edge());
    Map<String, Map<String, Object>> acls = t.findResources("AWS::WAFv2::WebACL");
    assertEquals(1, acls.size());
    Map<String, Object> acl = FunctionsStackTest.props(acls.values().iterator().next());
    assertEquals("CLOUDFRONT", acl.get("Scope"));
    assertEquals(Map.of("Allow", Map.of()), acl.get("DefaultAction"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules = (List<Map<String, Object>>) acl.get("Rules");
    assertEquals(2, rules.size());
    Map<String, Object> perKey = rate(rules, "PerKey");
    assertEquals(900, ((Number) perKey.get("Limit")).intValue());
    assertEquals("CUSTOM_KEYS", perKey.get("AggregateKeyType"));
    assertTrue(
        perKey.get("CustomKeys").toString().contains("Name=authorization"),
        "counted per bearer key: " + perKey);
    Map<String, Object> perAddress = rate(rules, "PerAddress");
    assertEquals(4000, ((Number) perAddress.get("Limit")).intValue());
    assertEquals("IP", perAddress.get("AggregateKeyType"));
    for (Map<String, Object> rule : rules) {
      String action = rule.get("Action").toString();
      assertTrue(
          action.contains("ResponseCode=429") && action.contains("Retry-After"),
          "a limited client is told to wait: " + action);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rate(List<Map<String, Object>> rules, String name) {
    Map<String, Object> rule =
        rules.stream().filter(r -> name.equals(r.get("Name"))).findFirst().orElseThrow();
    return (Map<String, Object>)
        ((Map<String, Object>) rule.get("Statement")).get("RateBasedStatement");
  }

  @Test
  void limitsWafCannotTakeAndAnUnknownAccountOrRegionFailTheSynth() {
    IllegalArgumentException low =
        assertThrows(
            IllegalArgumentException.class,
            () -> Synth.stacks("dev", Map.of("keyRequestsPerFiveMinutes", "5")));
    assertTrue(low.getMessage().contains("keyRequestsPerFiveMinutes"), low.getMessage());
    Map<String, Object> context = Map.of("functionsZip", Synth.standInZip().toString());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> TengenApp.build(Synth.app(), DeploymentConfig.from(context::get), null, null));
    assertTrue(unknown.getMessage().contains("CDK_DEFAULT_REGION"), unknown.getMessage());
  }
}
