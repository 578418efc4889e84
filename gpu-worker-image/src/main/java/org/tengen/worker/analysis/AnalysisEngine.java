package org.tengen.worker.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;
import org.tengen.worker.analysis.AnalysisQuery.QueryError;
import org.tengen.worker.analysis.AnalysisQuery.Stone;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.MoveInfo;
import org.tengen.worker.search.RootAnalysis;
import org.tengen.worker.search.SearchParams;

/**
 * A JSON analysis engine in the protocol of KataGo's ({@code katago analysis}), so that tools
 * written for it (KaTrain, review scripts) can use a Tengen network: one query per line on the
 * input, one answer per analysed turn on the output, each a single line of JSON. Queries are
 * answered in order, one position at a time. Values are reported from black's view by default
 * (KataGo's {@code reportAnalysisWinratesAs = BLACK}), or white's, or the side to move's.
 *
 * <p>A query that cannot be answered gets {@code {"error", "field", "id"}} naming the field; a line
 * that is not JSON gets {@code {"error"}}; neither stops the engine.
 */
public final class AnalysisEngine {

  /** Whose view the values are reported from. */
  public enum Perspective {
    BLACK,
    WHITE,
    SIDETOMOVE;

    /** KataGo's config values {@code BLACK}, {@code WHITE}, {@code SIDETOMOVE} (any case). */
    public static Perspective parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "reportAnalysisWinratesAs: BLACK, WHITE or SIDETOMOVE, not '" + s + "'");
      }
    }
  }

  /** Longest principal variation reported per candidate. */
  static final int PV_LENGTH = 15;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Evaluator> evaluator;
  private final int defaultVisits;
  private final Perspective perspective;
  private final SplittableRandom random;
  private final String version;

  public AnalysisEngine(
      Supplier<Evaluator> evaluator,
      int defaultVisits,
      Perspective perspective,
      long seed,
      String version) {
    if (defaultVisits < 1 || defaultVisits > AnalysisQuery.MAX_VISITS) {
      throw new IllegalArgumentException(
          "maxVisits must be 1 to " + AnalysisQuery.MAX_VISITS + ", not " + defaultVisits);
    }
    this.evaluator = evaluator;
    this.defaultVisits = defaultVisits;
    this.perspective = perspective;
    this.random = new SplittableRandom(seed);
    this.version = version;
  }

  /** Answers every line of {@code in} until it ends, each answer a line on {@code out}. */
  public void run(BufferedReader in, PrintStream out) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      for (String answer : answer(line)) {
        out.println(answer);
      }
      out.flush();
    }
  }

  /** The answers to one input line (none for a blank one). */
  public List<String> answer(String line) {
    if (line.isBlank()) {
      return List.of();
    }
    JsonNode q;
    try {
      q = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return List.of(error("could not parse the query as JSON: " + e.getOriginalMessage()));
    }
    if (q == null || !q.isObject()) {
      return List.of(error("a query is a JSON object"));
    }
    JsonNode action = q.get("action");
    if (action != null) {
      return List.of(action(q, action.asText()));
    }
    AnalysisQuery query;
    try {
      query = AnalysisQuery.parse(q);
    } catch (QueryError e) {
      return List.of(error(e));
    }
    List<Game> positions;
    try {
      positions = positions(query);
    } catch (QueryError e) {
      return List.of(error(e));
    }
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < query.analyzeTurns().size(); i++) {
      answers.add(analyse(query, query.analyzeTurns().get(i), positions.get(i)));
    }
    return answers;
  }

  private String action(JsonNode q, String action) {
    ObjectNode a = JSON.createObjectNode();
    if (q.has("id")) {
      a.set("id", q.get("id"));
    }
    if (action.equals("query_version")) {
      a.put("action", action);
      a.put("version", version);
      a.put("git_hash", "");
      return a.toString();
    }
    a.put("error", "unsupported action '" + action + "' (supported: query_version)");
    a.put("field", "action");
    return a.toString();
  }

  /** The game at each turn the query asks about, replayed from its start. */
  private static List<Game> positions(AnalysisQuery q) throws QueryError {
    Board start = new Board(q.size());
    for (Stone s : q.initialStones()) {
      int loc = start.loc(s.move());
      if (start.get(loc) != Board.EMPTY) {
        throw new QueryError("initialStones", q.id(), "two stones on " + s.move().toGtp(q.size()));
      }
      start.setStone(loc, s.color() == Color.BLACK ? Board.BLACK : Board.WHITE);
    }
    Game game = new Game(start, q.initialPlayer(), q.rules());
    List<Game> atTurn = new ArrayList<>();
    for (int turn = 0; turn <= q.moves().size(); turn++) {
      if (q.analyzeTurns().contains(turn)) {
        atTurn.add(game.copy());
      }
      if (turn == q.moves().size()) {
        break;
      }
      Stone m = q.moves().get(turn);
      game.resume();
      // A move out of turn: the other side passed (the game's history stays a real game).
      if (m.color() != game.toMove() && !game.play(Move.PASS).isLegal()) {
        throw new QueryError("moves", q.id(), "moves[" + turn + "] cannot follow a pass here");
      }
      game.resume();
      if (!game.play(m.move()).isLegal()) {
        throw new QueryError(
            "moves",
            q.id(),
            "moves[" + turn + "]: " + m.move().toGtp(q.size()) + " is illegal under these rules");
      }
    }
    // In the order analyzeTurns names them (it may repeat or reorder turns).
    List<Game> ordered = new ArrayList<>();
    List<Integer> sorted = q.analyzeTurns().stream().distinct().sorted().toList();
    for (int turn : q.analyzeTurns()) {
      ordered.add(atTurn.get(sorted.indexOf(turn)));
    }
    return ordered;
  }

  private String analyse(AnalysisQuery q, int turn, Game game) {
    game.resume();
    Color toMove = game.toMove();
    int visits = q.maxVisits() > 0 ? q.maxVisits() : defaultVisits;
    Mcts mcts = new Mcts(SearchParams.strongest(visits), evaluator.get(), random);
    mcts.search(game, visits, false, false);
    RootAnalysis a = mcts.analysis(game, Integer.MAX_VALUE, PV_LENGTH);
    boolean flip =
        switch (perspective) {
          case BLACK -> toMove == Color.WHITE;
          case WHITE -> toMove == Color.BLACK;
          case SIDETOMOVE -> false;
        };
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", q.id());
    answer.put("isDuringSearch", false);
    answer.put("turnNumber", turn);
    ArrayNode infos = answer.putArray("moveInfos");
    int order = 0;
    for (MoveInfo m : a.moves()) {
      ObjectNode info = infos.addObject();
      info.put("move", m.move().toGtp(q.size()));
      info.put("visits", m.visits());
      info.put("winrate", winrate(m.winrate(), flip));
      info.put("scoreLead", sign(m.scoreLead(), flip));
      info.put("scoreMean", sign(m.scoreLead(), flip));
      info.put("prior", m.prior());
      info.put("lcb", winrate(m.lcb(), flip));
      info.put("utility", sign(m.utility(), flip));
      info.put("order", order++);
      ArrayNode pv = info.putArray("pv");
      m.pv().forEach(v -> pv.add(v.toGtp(q.size())));
    }
    ObjectNode root = answer.putObject("rootInfo");
    root.put("visits", a.visits());
    root.put("winrate", winrate(a.winrate(), flip));
    root.put("scoreLead", sign(a.scoreLead(), flip));
    root.put("scoreMean", sign(a.scoreLead(), flip));
    root.put("utility", sign(a.utility(), flip));
    root.put("currentPlayer", toMove == Color.BLACK ? "B" : "W");
    if (q.includeOwnership()) {
      ArrayNode own = answer.putArray("ownership");
      for (float v : a.ownership()) {
        own.add(round(flip ? -v : v));
      }
    }
    if (q.includePolicy()) {
      Evaluation e = evaluator.get().evaluate(Features.of(game));
      ArrayNode policy = answer.putArray("policy");
      int points = q.size() * q.size();
      for (int i = 0; i < points; i++) {
        Move m = Move.ofIndex(i, q.size());
        policy.add(game.legality(m).isLegal() ? round(e.policy()[i]) : -1);
      }
      policy.add(round(e.policy()[points])); // pass, always legal
    }
    return answer.toString();
  }

  private static double winrate(double w, boolean flip) {
    return flip ? 1 - w : w;
  }

  private static double sign(double v, boolean flip) {
    return flip ? -v : v;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  private static String error(String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("error", message);
    return e.toString();
  }

  private static String error(QueryError q) {
    ObjectNode e = JSON.createObjectNode();
    e.put("error", q.getMessage());
    e.put("field", q.field);
    if (q.id != null) {
      e.put("id", q.id);
    }
    return e.toString();
  }
}
