package org.tengen.network.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An operator's nested calls count for the operator that made them, once. */
class OpTraceTest {

  private static String event(String name, int tid, double ts, double dur) {
    return "{\"name\": \""
        + name
        + "\", \"ph\": \"X\", \"ts\": "
        + ts
        + ", \"dur\": "
        + dur
        + ", \"tid\": "
        + tid
        + ", \"pid\": \"CPU Functions\", \"args\": {}}";
  }

  private static Map<String, OpTrace.OpTime> byName(String json) {
    return OpTrace.bySelfTime(OpTrace.parse(json)).stream()
        .collect(Collectors.toMap(OpTrace.OpTime::name, o -> o));
  }

  @Test
  void nestedCallsAreSubtractedFromTheirCaller() {
    String json =
        "["
            + String.join(
                ",",
                event("aten::conv2d", 1, 0, 10),
                event("aten::convolution", 1, 1, 8),
                event("aten::mkldnn_convolution", 1, 2, 6),
                event("aten::add", 1, 12, 1),
                event("aten::conv2d", 1, 20, 10),
                event("aten::convolution", 1, 21, 8),
                event("aten::mkldnn_convolution", 1, 22, 6),
                event("aten::add", 2, 2, 3))
            + "]";
    Map<String, OpTrace.OpTime> ops = byName(json);
    assertEquals(4.0, ops.get("aten::conv2d").selfMicros(), 1e-9);
    assertEquals(4.0, ops.get("aten::convolution").selfMicros(), 1e-9);
    assertEquals(12.0, ops.get("aten::mkldnn_convolution").selfMicros(), 1e-9);
    assertEquals(2, ops.get("aten::mkldnn_convolution").calls());
    // the add on thread 2 overlaps thread 1's convolution in time but is nobody's child
    assertEquals(4.0, ops.get("aten::add").selfMicros(), 1e-9);
    double total = ops.values().stream().mapToDouble(OpTrace.OpTime::selfMicros).sum();
    assertEquals(10 + 1 + 10 + 3, total, 1e-9, "self times add up to the top-level calls");
    assertEquals("aten::mkldnn_convolution", OpTrace.bySelfTime(OpTrace.parse(json)).get(0).name());
  }

  @Test
  void aChildStartingWithItsParentIsStillItsChild() {
    String json =
        "{\"traceEvents\": ["
            + event("inner", 1, 5, 2)
            + ","
            + event("outer", 1, 5, 4)
            + ", {\"name\": \"flow\", \"ph\": \"s\", \"ts\": 5}]}";
    Map<String, OpTrace.OpTime> ops = byName(json);
    assertEquals(2.0, ops.get("outer").selfMicros(), 1e-9);
    assertEquals(2.0, ops.get("inner").selfMicros(), 1e-9);
    assertEquals(2, ops.size(), "only complete events count");
  }

  @Test
  void whatIsNotATraceIsRefusedByName() {
    IllegalArgumentException notJson =
        assertThrows(IllegalArgumentException.class, () -> OpTrace.parse("[{\"name\": "));
    assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
    IllegalArgumentException noEvents =
        assertThrows(IllegalArgumentException.class, () -> OpTrace.parse("{\"a\": 1}"));
    assertTrue(noEvents.getMessage().contains("not a trace"), noEvents.getMessage());
    IllegalArgumentException noDuration =
        assertThrows(
            IllegalArgumentException.class,
            () -> OpTrace.parse("[{\"name\": \"x\", \"ph\": \"X\", \"ts\": 1}]"));
    assertTrue(noDuration.getMessage().contains("lacks"), noDuration.getMessage());
    assertEquals(List.of(), OpTrace.parse("[]"));
  }
}
