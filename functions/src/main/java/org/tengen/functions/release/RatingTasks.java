package org.tengen.functions.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tengen.core.storage.Tables;
import org.tengen.core.storage.UploadId;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Rating tasks in the matches table. A task is stored as {@code task#<run>#<taskId>} with who got
 * it and which pair it is for, so that recordMatchResult accepts results only for games that were
 * handed out, to the contributor that got them. The pair's item ({@code <run>#<candidate>} / base-
 * line) counts the tasks assigned: its parity alternates the candidate's colour from task to task.
 */
@ApplicationScoped
public class RatingTasks {

  /** A stored task. */
  public record StoredTask(
      String taskId, String contributor, String candidate, String baseline, int games) {}

  /** A newly assigned task: its id and its sequence number for the pair. */
  public record Assigned(String taskId, long sequence) {}

  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  String table() {
    return Tables.MATCHES.tableName(config.tablePrefix());
  }

  /** The matches table's partition of a candidate's games against its baselines. */
  public static String pairKey(String run, String candidate) {
    return run + "#" + candidate;
  }

  static String taskKey(String run, String taskId) {
    return "task#" + run + "#" + taskId;
  }

  public static String gameId(String taskId, int index) {
    return taskId + "-" + index;
  }

  public Assigned assign(
      String run, String contributor, String candidate, String baseline, int games) {
    long sequence =
        Long.parseLong(
            dynamo
                .updateItem(
                    u ->
                        u.tableName(table())
                            .key(
                                Map.of(
                                    "candidate",
                                    AttributeValue.fromS(pairKey(run, candidate)),
                                    "baseline",
                                    AttributeValue.fromS(baseline)))
                            .updateExpression("ADD assigned :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.UPDATED_NEW))
                .attributes()
                .get("assigned")
                .n());
    String taskId = UploadId.random().value();
    dynamo.putItem(
        p ->
            p.tableName(table())
                .item(
                    Map.of(
                        "candidate", AttributeValue.fromS(taskKey(run, taskId)),
                        "baseline", AttributeValue.fromS("-"),
                        "contributor", AttributeValue.fromS(contributor),
                        "candidate_network", AttributeValue.fromS(candidate),
                        "baseline_network", AttributeValue.fromS(baseline),
                        "games", AttributeValue.fromN(Integer.toString(games)),
                        "created_at", AttributeValue.fromS(Instant.now().toString())))
                .conditionExpression("attribute_not_exists(candidate)"));
    return new Assigned(taskId, sequence);
  }

  public Optional<StoredTask> get(String run, String taskId) {
    var r =
        dynamo.getItem(
            g ->
                g.tableName(table())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "candidate",
                            AttributeValue.fromS(taskKey(run, taskId)),
                            "baseline",
                            AttributeValue.fromS("-"))));
    if (!r.hasItem() || r.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> i = r.item();
    return Optional.of(
        new StoredTask(
            taskId,
            i.get("contributor").s(),
            i.get("candidate_network").s(),
            i.get("baseline_network").s(),
            Integer.parseInt(i.get("games").n())));
  }
}
