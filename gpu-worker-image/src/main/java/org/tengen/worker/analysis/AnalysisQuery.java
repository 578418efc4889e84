package org.tengen.worker.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;

/**
 * One query of the JSON analysis engine, in the fields KataGo's analysis engine reads (a subset:
 * square boards, the rules Tengen implements).
 *
 * @param id the caller's identifier, echoed in every answer
 * @param size the board's size ({@code boardXSize}, equal to {@code boardYSize})
 * @param rules the rules with the query's komi
 * @param initialStones stones on the board before the first move
 * @param initialPlayer who moves first (the first move's colour, else black, unless given)
 * @param moves the moves played
 * @param analyzeTurns the positions to analyse: turn {@code t} is after {@code moves[0..t)}
 * @param maxVisits visits per position, or 0 for the engine's default
 * @param includeOwnership whether answers carry the root's ownership
 * @param includePolicy whether answers carry the network's raw policy
 */
record AnalysisQuery(
    String id,
    int size,
    Rules rules,
    List<Stone> initialStones,
    Color initialPlayer,
    List<Stone> moves,
    List<Integer> analyzeTurns,
    int maxVisits,
    boolean includeOwnership,
    boolean includePolicy) {

  /** The most visits one query may ask for a position. */
  static final int MAX_VISITS = 1_000_000;

  /** A colour and a point (or pass). */
  record Stone(Color color, Move move) {}

  /** A query that cannot be answered: the field at fault and why. */
  static final class QueryError extends Exception {
    final String field;
    final String id;

    QueryError(String field, String id, String message) {
      super(message);
      this.field = field;
      this.id = id;
    }
  }

  static AnalysisQuery parse(JsonNode q) throws QueryError {
    JsonNode idNode = q.get("id");
    if (idNode == null || !idNode.isTextual()) {
      throw new QueryError("id", null, "id is required and must be a string");
    }
    String id = idNode.asText();
    int width = requiredInt(q, "boardXSize", id);
    int height = requiredInt(q, "boardYSize", id);
    if (width != height) {
      throw new QueryError(
          "boardYSize", id, "only square boards: boardXSize " + width + ", boardYSize " + height);
    }
    if (width < 2 || width > 19) {
      throw new QueryError("boardXSize", id, "board size " + width + " is not 2 to 19");
    }
    JsonNode rulesNode = q.get("rules");
    if (rulesNode == null || !rulesNode.isTextual()) {
      throw new QueryError("rules", id, "rules are required, as a name: one of " + Rules.PRESETS);
    }
    Rules rules;
    try {
      rules = Rules.parse(rulesNode.asText());
      JsonNode komi = q.get("komi");
      if (komi != null) {
        if (!komi.isNumber()) {
          throw new QueryError("komi", id, "komi must be a number");
        }
        rules = rules.withKomi(komi.asDouble());
      }
    } catch (IllegalArgumentException e) {
      throw new QueryError(q.has("komi") ? "komi" : "rules", id, e.getMessage());
    }
    List<Stone> initial = stones(q, "initialStones", width, id, false);
    List<Stone> moves = stones(q, "moves", width, id, true);
    Color first;
    JsonNode initialPlayer = q.get("initialPlayer");
    if (initialPlayer != null) {
      first = color(initialPlayer, "initialPlayer", id);
    } else {
      first = moves.isEmpty() ? Color.BLACK : moves.get(0).color();
    }
    List<Integer> turns = new ArrayList<>();
    JsonNode analyze = q.get("analyzeTurns");
    if (analyze == null) {
      turns.add(moves.size());
    } else {
      if (!analyze.isArray() || analyze.isEmpty()) {
        throw new QueryError("analyzeTurns", id, "analyzeTurns must be a non-empty list of turns");
      }
      for (JsonNode t : analyze) {
        if (!t.canConvertToInt() || !t.isIntegralNumber()) {
          throw new QueryError("analyzeTurns", id, "a turn must be an integer: " + t);
        }
        int turn = t.asInt();
        if (turn < 0 || turn > moves.size()) {
          throw new QueryError(
              "analyzeTurns", id, "turn " + turn + " is not 0 to " + moves.size() + " (moves)");
        }
        turns.add(turn);
      }
    }
    int visits = 0;
    JsonNode maxVisits = q.get("maxVisits");
    if (maxVisits != null) {
      if (!maxVisits.isIntegralNumber()
          || maxVisits.asLong() < 1
          || maxVisits.asLong() > MAX_VISITS) {
        throw new QueryError("maxVisits", id, "maxVisits must be an integer 1 to " + MAX_VISITS);
      }
      visits = maxVisits.asInt();
    }
    return new AnalysisQuery(
        id,
        width,
        rules,
        initial,
        first,
        moves,
        turns,
        visits,
        bool(q, "includeOwnership", id),
        bool(q, "includePolicy", id));
  }

  private static int requiredInt(JsonNode q, String field, String id) throws QueryError {
    JsonNode n = q.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new QueryError(field, id, field + " is required and must be an integer");
    }
    return n.asInt();
  }

  private static boolean bool(JsonNode q, String field, String id) throws QueryError {
    JsonNode n = q.get(field);
    if (n == null) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new QueryError(field, id, field + " must be true or false");
    }
    return n.asBoolean();
  }

  private static Color color(JsonNode n, String field, String id) throws QueryError {
    String c = n.isTextual() ? n.asText() : "";
    return switch (c) {
      case "B", "b" -> Color.BLACK;
      case "W", "w" -> Color.WHITE;
      default -> throw new QueryError(field, id, "a player is \"B\" or \"W\", not " + n);
    };
  }

  private static List<Stone> stones(JsonNode q, String field, int size, String id, boolean required)
      throws QueryError {
    JsonNode list = q.get(field);
    if (list == null) {
      if (required) {
        throw new QueryError(field, id, field + " is required (an empty list for none)");
      }
      return List.of();
    }
    if (!list.isArray()) {
      throw new QueryError(field, id, field + " must be a list of [player, vertex] pairs");
    }
    List<Stone> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode pair = list.get(i);
      if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
        throw new QueryError(
            field, id, field + "[" + i + "] must be a [player, vertex] pair, not " + pair);
      }
      Color color = color(pair.get(0), field, id);
      Move move;
      try {
        move = Move.parseGtp(pair.get(1).asText(), size);
      } catch (IllegalArgumentException e) {
        throw new QueryError(field, id, field + "[" + i + "]: " + e.getMessage());
      }
      if (!move.isPass() && !move.isOn(size)) {
        throw new QueryError(
            field, id, field + "[" + i + "]: " + pair.get(1).asText() + " is off the board");
      }
      if (move.isPass() && !required) {
        throw new QueryError(field, id, field + "[" + i + "]: a stone cannot be a pass");
      }
      out.add(new Stone(color, move));
    }
    return out;
  }
}
