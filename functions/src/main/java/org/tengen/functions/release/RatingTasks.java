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
 * it, which pair it is for and how its games are played, so that recordMatchResult accepts records
 * only for games that were handed out, to the contributor that got them, and replays them as they
 * were handed out. The pair's item ({@code <run>#<candidate>} / baseline) counts the tasks
 * assigned: its parity alternates the candidate's colour from task to task. The counted games are
 * items of the same partition ({@link RatingGames}).
 */
@ApplicationScoped
public class RatingTasks {

  /**
   * A stored task: who got it, the pair, and how its games are played (board, rules with komi, the
   * candidate's colour in each game), so that the games' records are replayed as they were handed
   * out.
   */
  public record StoredTask(
      String taskId,
      String contributor,
      String candidate,
      String baseline,
      int games,
      int boardSize,
      String rules,
      double komi,
      String colors) {

    /** The candidate's colour in game {@code index}: {@code B} or {@code W}. */
    public char candidateColor(int index) {
      return colors.charAt(index);
    }
  }

  /**
   * A newly assigned task: its id and the candidate's colour in each game ({@code B}/{@code W}).
   */
  public record Assigned(String taskId, String colors) {}

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

  /**
   * Assigns a task of {@code games} games. The pair's count of tasks alternates the candidate's
   * colour from task to task (and from game to game within one).
   */
  public Assigned assign(
      String run,
      String contributor,
      String candidate,
      String baseline,
      int games,
      int boardSize,
      String rules,
      double komi) {
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
    StringBuilder colors = new StringBuilder(games);
    for (int i = 0; i < games; i++) {
      colors.append((sequence + i) % 2 == 0 ? 'B' : 'W');
    }
    String taskId = UploadId.random().value();
    dynamo.putItem(
        p ->
            p.tableName(table())
                .item(
                    Map.ofEntries(
                        Map.entry("candidate", AttributeValue.fromS(taskKey(run, taskId))),
                        Map.entry("baseline", AttributeValue.fromS("-")),
                        Map.entry("contributor", AttributeValue.fromS(contributor)),
                        Map.entry("candidate_network", AttributeValue.fromS(candidate)),
                        Map.entry("baseline_network", AttributeValue.fromS(baseline)),
                        Map.entry("games", AttributeValue.fromN(Integer.toString(games))),
                        Map.entry("board_size", AttributeValue.fromN(Integer.toString(boardSize))),
                        Map.entry("rules", AttributeValue.fromS(rules)),
                        Map.entry("komi", AttributeValue.fromN(Double.toString(komi))),
                        Map.entry("colors", AttributeValue.fromS(colors.toString())),
                        Map.entry("created_at", AttributeValue.fromS(Instant.now().toString()))))
                .conditionExpression("attribute_not_exists(candidate)"));
    return new Assigned(taskId, colors.toString());
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
    if (!i.containsKey("colors")) {
      // assigned by a backend from before rating games were replayed: nothing to replay against
      return Optional.empty();
    }
    return Optional.of(
        new StoredTask(
            taskId,
            i.get("contributor").s(),
            i.get("candidate_network").s(),
            i.get("baseline_network").s(),
            Integer.parseInt(i.get("games").n()),
            Integer.parseInt(i.get("board_size").n()),
            i.get("rules").s(),
            Double.parseDouble(i.get("komi").n()),
            i.get("colors").s()));
  }
}
