package org.tengen.functions.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The metric lines follow CloudWatch's Embedded Metric Format, which the dashboard reads. */
class MetricsTest {

  @Test
  void anEmfDocumentDeclaresEveryValueUnderTheRunDimension() throws Exception {
    Map<String, Double> values = new TreeMap<>(Map.of("Games", 25.0, "Positions", 1750.0));
    JsonNode doc =
        new ObjectMapper().readTree(Metrics.format("kata1", values, "Count", 1700000000000L));
    JsonNode directive = doc.at("/_aws/CloudWatchMetrics/0");
    assertEquals(1700000000000L, doc.at("/_aws/Timestamp").asLong());
    assertEquals("Tengen", directive.get("Namespace").asText());
    assertEquals("Run", directive.at("/Dimensions/0/0").asText());
    assertEquals("kata1", doc.get("Run").asText());
    assertEquals(2, directive.get("Metrics").size());
    for (JsonNode m : directive.get("Metrics")) {
      assertEquals("Count", m.get("Unit").asText());
      assertEquals(values.get(m.get("Name").asText()), doc.get(m.get("Name").asText()).asDouble());
    }
  }
}
