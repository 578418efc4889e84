package org.tengen.functions.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.api.RatingApi.Result;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A candidate's counted rating games: one item per game in the pair's partition of the matches
 * table ({@code <run>#<candidate>} / {@code game#<baseline>#<gameId>}), with who played it, the
 * replayed outcome and the record (moves and result) it was counted from. The tally is taken from
 * these items each time, not from counters, so that a contributor disabled later stops counting at
 * once, and an auditor can replay every game a decision rests on.
 */
@ApplicationScoped
public class RatingGames {

  /** A counted game, as the tally reads it. */
  public record Counted(
      String gameId, String contributor, Result outcome, String result, String recordedAt) {}

  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  private String table() {
    return Tables.MATCHES.tableName(config.tablePrefix());
  }

  private static String sortKey(String baseline, String gameId) {
    return "game#" + baseline + "#" + gameId;
  }

  /**
   * Stores a game once: a conditional put, so a game reported again (a retry) is not counted twice.
   *
   * @return whether this call stored it
   */
  public boolean put(
      String run,
      String candidate,
      String baseline,
      String gameId,
      String contributor,
      String taskId,
      Result outcome,
      String result,
      List<String> moves) {
    try {
      dynamo.putItem(
          p ->
              p.tableName(table())
                  .item(
                      Map.of(
                          "candidate",
                          AttributeValue.fromS(RatingTasks.pairKey(run, candidate)),
                          "baseline",
                          AttributeValue.fromS(sortKey(baseline, gameId)),
                          "contributor",
                          AttributeValue.fromS(contributor),
                          "task",
                          AttributeValue.fromS(taskId),
                          "outcome",
                          AttributeValue.fromS(outcome.wire()),
                          "result",
                          AttributeValue.fromS(result),
                          "moves",
                          AttributeValue.fromS(String.join(" ", moves)),
                          "recorded_at",
                          AttributeValue.fromS(Instant.now().toString())))
                  .conditionExpression("attribute_not_exists(candidate)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Every counted game of the candidate against the baseline, in the order they were recorded. */
  public List<Counted> list(String run, String candidate, String baseline) {
    List<Counted> games = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse r =
          dynamo.query(
              QueryRequest.builder()
                  .tableName(table())
                  .consistentRead(true)
                  .keyConditionExpression("candidate = :c AND begins_with(baseline, :g)")
                  .expressionAttributeValues(
                      Map.of(
                          ":c",
                          AttributeValue.fromS(RatingTasks.pairKey(run, candidate)),
                          ":g",
                          AttributeValue.fromS(sortKey(baseline, ""))))
                  // the records stay in the table for audits; the tally needs none of them
                  .projectionExpression("#b, #c, #o, #r, #t")
                  .expressionAttributeNames(
                      Map.of(
                          "#b", "baseline",
                          "#c", "contributor",
                          "#o", "outcome",
                          "#r", "result",
                          "#t", "recorded_at"))
                  .exclusiveStartKey(from)
                  .build());
      for (Map<String, AttributeValue> i : r.items()) {
        String key = i.get("baseline").s();
        games.add(
            new Counted(
                key.substring(key.lastIndexOf('#') + 1),
                i.get("contributor").s(),
                outcome(i.get("outcome").s()),
                i.get("result").s(),
                i.get("recorded_at").s()));
      }
      start =
          r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    games.sort(Comparator.comparing(Counted::recordedAt).thenComparing(Counted::gameId));
    return games;
  }

  private static final Map<String, Result> BY_WIRE = new HashMap<>();

  static {
    for (Result r : Result.values()) {
      BY_WIRE.put(r.wire(), r);
    }
  }

  private static Result outcome(String wire) {
    Result r = BY_WIRE.get(wire);
    if (r == null) {
      throw new IllegalStateException("a stored rating game has outcome '" + wire + "'");
    }
    return r;
  }
}
