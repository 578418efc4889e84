package org.tengen.functions.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics as Embedded Metric Format lines on standard output: on Lambda, CloudWatch Logs
 * turns each line into metrics (namespace {@code Tengen}, dimension {@code Run}), with no API call
 * on the request's path. Off Lambda (tests, the local run) nothing is printed.
 */
public final class Metrics {

  public static final String NAMESPACE = "Tengen";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean ON_LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;

  private Metrics() {}

  /** One EMF document: the metrics' values under the run's dimension. */
  public static String format(String run, Map<String, Double> values, String unit, long millis) {
    List<Map<String, String>> definitions = new ArrayList<>();
    values.keySet().forEach(name -> definitions.add(Map.of("Name", name, "Unit", unit)));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "_aws",
        Map.of(
            "Timestamp",
            millis,
            "CloudWatchMetrics",
            List.of(
                Map.of(
                    "Namespace",
                    NAMESPACE,
                    "Dimensions",
                    List.of(List.of("Run")),
                    "Metrics",
                    definitions))));
    doc.put("Run", run);
    doc.putAll(values);
    try {
      return JSON.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Emits counts (unit Count) for a run. */
  public static void count(String run, Map<String, Double> values) {
    emit(System.out, format(run, values, "Count", System.currentTimeMillis()));
  }

  /** Emits a plain value (unit None), e.g. a released network's Elo. */
  public static void value(String run, String name, double value) {
    emit(System.out, format(run, Map.of(name, value), "None", System.currentTimeMillis()));
  }

  private static void emit(PrintStream out, String line) {
    if (ON_LAMBDA) {
      out.println(line);
    }
  }
}
