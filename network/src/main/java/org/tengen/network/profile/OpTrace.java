package org.tengen.network.profile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of a libtorch profile (a Chrome trace, as libtorch's profiler writes it), by the
 * time spent in each operator itself: an operator's nested calls (aten::conv2d calls
 * aten::convolution, which calls the kernel) count for the operator that made them, so that the
 * self times add up to the wall time spent inside libtorch.
 */
public final class OpTrace {

  private OpTrace() {}

  /** One complete event: an operator's call on a thread, start and duration in microseconds. */
  public record Event(String name, long thread, double start, double duration) {
    double end() {
      return start + duration;
    }
  }

  /** An operator's calls and the microseconds spent in it outside its nested calls. */
  public record OpTime(String name, long calls, double selfMicros) {}

  /**
   * The complete ("ph": "X") events of a Chrome trace: a JSON array, or an object holding one as
   * {@code traceEvents}.
   *
   * @throws IllegalArgumentException naming what is wrong when the text is not such a trace
   */
  public static List<Event> parse(String json) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the profile is not JSON: " + e.getMessage(), e);
    }
    JsonArray events;
    if (root.isJsonArray()) {
      events = root.getAsJsonArray();
    } else if (root.isJsonObject() && root.getAsJsonObject().has("traceEvents")) {
      events = root.getAsJsonObject().getAsJsonArray("traceEvents");
    } else {
      throw new IllegalArgumentException("the profile is not a trace (no array of events)");
    }
    List<Event> out = new ArrayList<>();
    for (JsonElement e : events) {
      if (!e.isJsonObject()) {
        continue;
      }
      JsonObject o = e.getAsJsonObject();
      if (!o.has("ph") || !"X".equals(o.get("ph").getAsString())) {
        continue;
      }
      if (!o.has("name") || !o.has("ts") || !o.has("dur")) {
        throw new IllegalArgumentException("a complete event lacks name, ts or dur: " + o);
      }
      long thread = o.has("tid") && o.get("tid").isJsonPrimitive() ? threadOf(o.get("tid")) : 0;
      out.add(
          new Event(
              o.get("name").getAsString(),
              thread,
              o.get("ts").getAsDouble(),
              o.get("dur").getAsDouble()));
    }
    return out;
  }

  private static long threadOf(JsonElement tid) {
    try {
      return tid.getAsLong();
    } catch (NumberFormatException e) {
      return tid.getAsString().hashCode();
    }
  }

  /** Each operator's calls and self time, the most expensive first. */
  public static List<OpTime> bySelfTime(List<Event> events) {
    Map<Long, List<Event>> byThread = new HashMap<>();
    for (Event e : events) {
      byThread.computeIfAbsent(e.thread(), t -> new ArrayList<>()).add(e);
    }
    Map<String, double[]> totals = new HashMap<>(); // name -> {calls, self}
    for (List<Event> thread : byThread.values()) {
      // A parent starts no later than its children and lasts longer: it comes first.
      thread.sort(
          Comparator.comparingDouble(Event::start)
              .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
      Deque<Event> open = new ArrayDeque<>();
      Map<Event, Double> nested = new IdentityHashMap<>();
      for (Event e : thread) {
        while (!open.isEmpty() && open.peek().end() <= e.start()) {
          open.pop();
        }
        if (!open.isEmpty()) {
          nested.merge(open.peek(), e.duration(), Double::sum);
        }
        open.push(e);
      }
      for (Event e : thread) {
        double[] t = totals.computeIfAbsent(e.name(), n -> new double[2]);
        t[0]++;
        t[1] += e.duration() - nested.getOrDefault(e, 0.0);
      }
    }
    List<OpTime> out = new ArrayList<>();
    totals.forEach((name, t) -> out.add(new OpTime(name, (long) t[0], t[1])));
    out.sort(Comparator.comparingDouble(OpTime::selfMicros).reversed());
    return out;
  }
}
