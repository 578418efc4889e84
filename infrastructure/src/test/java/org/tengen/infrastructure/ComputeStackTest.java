package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ComputeStackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void imageRepositoriesScanOnPushAndKeepTenImages() {
    Template t = Synth.compute();
    t.resourceCountIs("AWS::ECR::Repository", 2);
    for (Map<String, Object> r : t.findResources("AWS::ECR::Repository").values()) {
      JsonNode p = JSON.valueToTree(r.get("Properties"));
      assertTrue(p.at("/ImageScanningConfiguration/ScanOnPush").asBoolean(), p.toString());
      assertTrue(
          p.at("/LifecyclePolicy/LifecyclePolicyText").asText().contains("\"countNumber\":10"),
          p.toString());
    }
  }

  @Test
  void theTrainingRoleReadsGamesAndWritesNetworksAndCheckpointsOnly() throws Exception {
    Template t = Synth.compute();
    Set<String> reads = new TreeSet<>();
    Set<String> writes = new TreeSet<>();
    for (Map<String, Object> policy : t.findResources("AWS::IAM::Policy").values()) {
      JsonNode doc = JSON.valueToTree(policy).at("/Properties/PolicyDocument/Statement");
      String roles = JSON.valueToTree(policy).at("/Properties/Roles").toString();
      if (!roles.contains("TrainingRole")) {
        continue;
      }
      for (JsonNode s : doc) {
        List<String> actions = new ArrayList<>();
        (s.get("Action").isArray() ? s.get("Action") : JSON.createArrayNode().add(s.get("Action")))
            .forEach(a -> actions.add(a.asText()));
        for (String a : actions) {
          assertFalse(a.equals("*") || a.equals("s3:*"), "a wildcard action: " + s);
        }
        String resources = s.get("Resource").toString();
        if (actions.contains("s3:GetObject")) {
          reads.addAll(prefixes(resources));
        }
        if (actions.contains("s3:PutObject")) {
          writes.addAll(prefixes(resources));
        }
      }
    }
    assertEquals(Set.of("training_data", "networks", "checkpoints"), reads);
    assertEquals(Set.of("networks", "checkpoints"), writes);
  }

  private static Set<String> prefixes(String resources) {
    Set<String> out = new TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"/([a-z_]+)/\\*\"").matcher(resources);
    while (m.find()) {
      out.add(m.group(1));
    }
    assertFalse(out.isEmpty(), "object resources name their prefix: " + resources);
    return out;
  }

  @Test
  void aScheduleStartsSpotTrainingWhenEnoughNewGamesArrived() {
    Template t = Synth.compute();
    t.hasResourceProperties(
        "AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "rate(6 hours)"));
    Map<String, Map<String, Object>> machines = t.findResources("AWS::StepFunctions::StateMachine");
    assertEquals(1, machines.size());
    String definition =
        JSON.valueToTree(machines.values().iterator().next())
            .at("/Properties/DefinitionString")
            .toString();
    for (String expected :
        List.of(
            "createTrainingJob.sync",
            "EnableManagedSpotTraining\\\":true",
            "CheckpointConfig",
            "/opt/ml/checkpoints",
            "NumericGreaterThanEqualsPath",
            "States.MathAdd($.last.value, 250000)",
            "continue_from_latest")) {
      assertTrue(definition.contains(expected), expected + " in " + definition);
    }
    t.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                "iam:PassRole",
                                "Condition",
                                Map.of(
                                    "StringEquals",
                                    Map.of(
                                        "iam:PassedToService", "sagemaker.amazonaws.com")))))))));
  }

  @Test
  void theRemovedFleetsSettingIsRefusedWithItsReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Synth.stacks("dev", Map.of("selfPlayFleetMaxVcpus", "64")));
    assertTrue(e.getMessage().contains("removed"), e.getMessage());
    assertTrue(Synth.compute().findResources("AWS::Batch::ComputeEnvironment").isEmpty());
  }
}
