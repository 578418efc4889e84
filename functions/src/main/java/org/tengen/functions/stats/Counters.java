package org.tengen.functions.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.storage.CounterKeys;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The counters table: one partition per kind of count ({@link CounterKeys} names them), so that
 * {@code stats} reads each list with one query and no scan.
 *
 * <p>Every update is an atomic {@code ADD}. The ones for an upload's verdict are returned as
 * transaction items, to be written in the same transaction as the upload's status change: an upload
 * is counted exactly once however often its confirm is retried.
 */
@ApplicationScoped
public class Counters {

  static final String TOTAL = CounterKeys.TOTAL;

  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  static String run(String run) {
    return CounterKeys.run(run);
  }

  String table() {
    return Tables.COUNTERS.tableName(config.tablePrefix());
  }

  /** The counter updates for an accepted upload. */
  public List<TransactWriteItem> accepted(
      String run,
      String contributor,
      String network,
      int games,
      int positions,
      DataQuality.Sums quality,
      Instant at) {
    Map<String, Long> gp =
        Map.of(CounterKeys.GAMES, (long) games, CounterKeys.POSITIONS, (long) positions);
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(update(run(run), TOTAL, with(gp, CounterKeys.ACCEPTED, 1), Map.of()));
    items.add(update(CounterKeys.days(run), CounterKeys.day(at), gp, Map.of()));
    items.add(update(CounterKeys.bins(run), CounterKeys.bin(at), gp, Map.of()));
    items.add(
        update(
            CounterKeys.contributors(run),
            contributor,
            with(gp, CounterKeys.ACCEPTED, 1),
            Map.of(CounterKeys.LAST_UPLOAD, at.toString())));
    items.add(update(CounterKeys.networks(run), network, gp, Map.of()));
    items.add(
        update(
            CounterKeys.contributorDay(run, CounterKeys.day(at)),
            contributor,
            Map.of(CounterKeys.GAMES, (long) games),
            Map.of()));
    items.add(
        update(
            CounterKeys.tenMinutes(run, at),
            contributor,
            Map.of(CounterKeys.GAMES, (long) games),
            Map.of()));
    items.add(
        update(
            CounterKeys.quality(run), network + "#" + contributor, quality.asCounters(), Map.of()));
    return items;
  }

  /** The counter updates for a rejected upload. */
  public List<TransactWriteItem> rejected(String run, String contributor, Instant at) {
    return List.of(
        update(run(run), TOTAL, Map.of(CounterKeys.REJECTED, 1L), Map.of()),
        update(
            CounterKeys.contributors(run),
            contributor,
            Map.of(CounterKeys.REJECTED, 1L),
            Map.of(CounterKeys.LAST_UPLOAD, at.toString())));
  }

  /** The counter update for an upload whose content was uploaded before. */
  public List<TransactWriteItem> duplicate(String run) {
    return List.of(update(run(run), TOTAL, Map.of(CounterKeys.DUPLICATES, 1L), Map.of()));
  }

  /** A worker asked for work: its last-seen time and task count. */
  public void touch(String run, String contributor, Instant at) {
    Update u =
        update(
                CounterKeys.contributors(run),
                contributor,
                Map.of(CounterKeys.TASKS, 1L),
                Map.of(CounterKeys.LAST_SEEN, at.toString()))
            .update();
    dynamo.updateItem(
        r ->
            r.tableName(u.tableName())
                .key(u.key())
                .updateExpression(u.updateExpression())
                .expressionAttributeNames(u.expressionAttributeNames())
                .expressionAttributeValues(u.expressionAttributeValues()));
  }

  /** Every item of a counter partition, sort key to attributes, in sort-key order. */
  public Map<String, Map<String, AttributeValue>> partition(String scope) {
    return partition(scope, null);
  }

  /** The items of a counter partition whose sort key is at least {@code from} (null: all). */
  public Map<String, Map<String, AttributeValue>> partition(String scope, String from) {
    Map<String, Map<String, AttributeValue>> out = new LinkedHashMap<>();
    Map<String, AttributeValue> start = null;
    Map<String, String> names = new HashMap<>(Map.of("#s", CounterKeys.SCOPE));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", AttributeValue.fromS(scope)));
    if (from != null) {
      names.put("#p", CounterKeys.PERIOD);
      values.put(":p", AttributeValue.fromS(from));
    }
    do {
      QueryRequest.Builder q =
          QueryRequest.builder()
              .tableName(table())
              .keyConditionExpression("#s = :s" + (from == null ? "" : " AND #p >= :p"))
              .expressionAttributeNames(names)
              .expressionAttributeValues(values);
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse r = dynamo.query(q.build());
      for (Map<String, AttributeValue> item : r.items()) {
        out.put(item.get(CounterKeys.PERIOD).s(), item);
      }
      start =
          r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** Scopes of the ten-minute bins that cover the hour up to {@code now}. */
  static List<String> lastHour(String run, Instant now) {
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      scopes.add(CounterKeys.tenMinutes(run, now.minus(10L * i, ChronoUnit.MINUTES)));
    }
    return scopes;
  }

  public static long number(Map<String, AttributeValue> item, String name) {
    if (item == null) {
      return 0;
    }
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  static String text(Map<String, AttributeValue> item, String name) {
    if (item == null) {
      return null;
    }
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Map<String, Long> with(Map<String, Long> base, String name, long value) {
    Map<String, Long> m = new HashMap<>(base);
    m.put(name, value);
    return m;
  }

  private TransactWriteItem update(
      String scope, String period, Map<String, Long> adds, Map<String, String> sets) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> addParts = new ArrayList<>();
    List<String> setParts = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Long> e : adds.entrySet()) {
      names.put("#a" + i, e.getKey());
      values.put(":a" + i, AttributeValue.fromN(Long.toString(e.getValue())));
      addParts.add("#a" + i + " :a" + i);
      i++;
    }
    for (Map.Entry<String, String> e : sets.entrySet()) {
      names.put("#a" + i, e.getKey());
      values.put(":a" + i, AttributeValue.fromS(e.getValue()));
      setParts.add("#a" + i + " = :a" + i);
      i++;
    }
    String expression =
        (addParts.isEmpty() ? "" : "ADD " + String.join(", ", addParts))
            + (setParts.isEmpty() ? "" : " SET " + String.join(", ", setParts));
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table())
                .key(
                    Map.of(
                        CounterKeys.SCOPE,
                        AttributeValue.fromS(scope),
                        CounterKeys.PERIOD,
                        AttributeValue.fromS(period)))
                .updateExpression(expression.trim())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build())
        .build();
  }
}
