package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class ObservabilityStackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyAlarmNotifiesTheTopic() {
    Template t = Synth.observability();
    t.resourceCountIs("AWS::SNS::Topic", 1);
    Set<String> alarms = new TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> e :
        t.findResources("AWS::CloudWatch::Alarm").entrySet()) {
      JsonNode p = JSON.valueToTree(e.getValue().get("Properties"));
      assertEquals(1, p.get("AlarmActions").size(), e.getKey());
      assertTrue(p.get("AlarmActions").toString().contains("Alarms"), p.toString());
      alarms.add(e.getKey().replaceAll("[0-9A-F]{8}$", ""));
    }
    assertEquals(
        Set.of(
            "FunctionErrors",
            "FunctionThrottles",
            "Api5xx",
            "RejectedUploadRate",
            "TrainingFailed"),
        alarms);
  }

  @Test
  void theRejectedShareIsComputedFromTheFunctionsMetrics() {
    Template t = Synth.observability();
    String alarm = JSON.valueToTree(t.findResources("AWS::CloudWatch::Alarm")).toString();
    assertTrue(alarm.contains(ObservabilityStack.REJECTED_SHARE), alarm);
    // Every use of a series is filled with 0: an hour of only rejections has no accepted series.
    String bare =
        ObservabilityStack.REJECTED_SHARE.replace("FILL(a, 0)", "").replace("FILL(r, 0)", "");
    assertFalse(bare.matches(".*\\b[ar]\\b.*"), "a series used without FILL: " + bare);
    assertTrue(
        alarm.contains("UploadsRejected") && alarm.contains("\"Namespace\":\"Tengen\""), alarm);
  }

  @Test
  void theDashboardShowsGamesUploadsAndNetworks() {
    Template t = Synth.observability();
    Map<String, Map<String, Object>> dashboards = t.findResources("AWS::CloudWatch::Dashboard");
    assertEquals(1, dashboards.size());
    String body = JSON.valueToTree(dashboards.values().iterator().next()).toString();
    for (String title :
        new String[] {
          "Games per hour",
          "Positions per hour",
          "Uploads per hour",
          "Released networks' Elo",
          "Latest release decisions"
        }) {
      assertTrue(body.contains(title), title + " in " + body);
    }
  }
}
