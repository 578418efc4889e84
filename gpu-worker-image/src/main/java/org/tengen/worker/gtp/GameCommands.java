package org.tengen.worker.gtp;

import static org.tengen.worker.gtp.GtpArgs.color;
import static org.tengen.worker.gtp.GtpArgs.integer;
import static org.tengen.worker.gtp.GtpArgs.need;
import static org.tengen.worker.gtp.GtpArgs.number;
import static org.tengen.worker.gtp.GtpArgs.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.KoRule;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfReader;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.network.features.Features;

/** The commands that set up and change the game: board, komi, rules, moves, handicap, SGF files. */
final class GameCommands {

  /** SGF files larger than this are refused by loadsgf (a game record is a few kilobytes). */
  static final long MAX_SGF_BYTES = 4 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GtpSession s;

  private GameCommands(GtpSession session) {
    this.s = session;
  }

  static void register(Map<String, GtpHandler> commands, GtpSession session) {
    GameCommands c = new GameCommands(session);
    commands.put("boardsize", (a, o) -> c.boardsize(a));
    commands.put("clear_board", (a, o) -> c.clearBoard());
    commands.put("komi", (a, o) -> c.komi(a));
    commands.put("play", (a, o) -> c.play(a));
    commands.put("undo", (a, o) -> c.undo());
    commands.put("showboard", (a, o) -> "\n" + session.game().board().toString().stripTrailing());
    commands.put("fixed_handicap", (a, o) -> c.fixedHandicap(a));
    commands.put("place_free_handicap", (a, o) -> c.placeFreeHandicap(a));
    commands.put("set_free_handicap", (a, o) -> c.setFreeHandicap(a));
    commands.put("loadsgf", (a, o) -> c.loadSgf(a));
    commands.put("printsgf", (a, o) -> c.printSgf(a));
    commands.put("kata-get-rules", (a, o) -> c.getRules());
    commands.put("kata-set-rules", (a, o) -> c.setRules(a));
    commands.put("kgs-rules", (a, o) -> c.setRules(a));
  }

  private String boardsize(List<String> args) throws GtpError {
    need(args, 1);
    int size = integer(args.get(0));
    if (size < 2 || size > 19) {
      throw new GtpError("unacceptable size");
    }
    s.newGame(size);
    return "";
  }

  private String clearBoard() {
    s.newGame(s.game().size());
    return "";
  }

  private String komi(List<String> args) throws GtpError {
    need(args, 1);
    double komi = number(args.get(0));
    try {
      Rules.checkKomi(komi);
    } catch (IllegalArgumentException e) {
      throw new GtpError("komi " + args.get(0) + " refused: " + e.getMessage());
    }
    s.setRules(s.rules().withKomi(komi));
    return "";
  }

  private String play(List<String> args) throws GtpError {
    need(args, 2);
    Color color = color(args.get(0));
    Move move = vertex(args.get(1), s.game().size());
    s.play(color, move);
    return "";
  }

  private String undo() throws GtpError {
    s.undo();
    return "";
  }

  private String fixedHandicap(List<String> args) throws GtpError {
    need(args, 1);
    int stones = integer(args.get(0));
    List<Move> points;
    try {
      points = Handicap.fixed(s.game().size(), stones);
    } catch (IllegalArgumentException e) {
      throw new GtpError("invalid number of stones: " + e.getMessage());
    }
    s.placeHandicap(points);
    return vertices(points);
  }

  /**
   * The fixed placement as far as the board takes it; stones beyond it where the network would put
   * them, one at a time.
   */
  private String placeFreeHandicap(List<String> args) throws GtpError {
    need(args, 1);
    int stones = integer(args.get(0));
    int size = s.game().size();
    if (stones < 2 || stones >= size * size) {
      throw new GtpError("invalid number of stones");
    }
    int fixed = Math.min(stones, Handicap.maxFixed(size));
    List<Move> points = new ArrayList<>(fixed >= 2 ? Handicap.fixed(size, fixed) : List.of());
    Board board = new Board(size);
    for (Move m : points) {
      board.setStone(board.loc(m), Board.BLACK);
    }
    while (points.size() < stones) {
      Move best = bestForBlack(board);
      points.add(best);
      board.setStone(board.loc(best), Board.BLACK);
    }
    s.placeHandicap(points);
    return vertices(points);
  }

  private Move bestForBlack(Board board) {
    Game g = new Game(board, Color.BLACK, s.rules());
    float[] policy = s.evaluator().evaluate(Features.of(g)).policy();
    int size = board.size();
    int best = -1;
    for (int p = 0; p < size * size; p++) {
      if (board.get(board.locOfPoint(p)) == Board.EMPTY && (best < 0 || policy[p] > policy[best])) {
        best = p;
      }
    }
    return Move.ofIndex(best, size);
  }

  private String setFreeHandicap(List<String> args) throws GtpError {
    if (args.size() < 2) {
      throw new GtpError("invalid number of stones: at least 2");
    }
    List<Move> points = new ArrayList<>();
    for (String a : args) {
      Move m = vertex(a, s.game().size());
      if (m.isPass()) {
        throw new GtpError("invalid coordinate: pass is no handicap stone");
      }
      points.add(m);
    }
    s.placeHandicap(points);
    return "";
  }

  /** {@code loadsgf FILE [N]}: the file's main line up to before its move N (all by default). */
  private String loadSgf(List<String> args) throws GtpError {
    need(args, 1);
    Path file = Path.of(args.get(0));
    int upTo = Integer.MAX_VALUE;
    if (args.size() > 1) {
      upTo = integer(args.get(1));
      if (upTo < 1) {
        throw new GtpError("syntax error: the move number must be at least 1");
      }
    }
    SgfGame sgf;
    try {
      if (Files.size(file) > MAX_SGF_BYTES) {
        throw new GtpError("cannot load file: larger than " + MAX_SGF_BYTES + " bytes");
      }
      sgf = SgfReader.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GtpError("cannot load file: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new GtpError("cannot load file: " + e.getMessage());
    }
    Rules rules = s.rules();
    if (sgf.rules() != null) {
      try {
        rules = Rules.parse(sgf.rules());
      } catch (IllegalArgumentException e) {
        // Rules Tengen cannot play (Japanese, AGA): keep the engine's, with the file's komi.
      }
    }
    try {
      rules = rules.withKomi(sgf.komi());
    } catch (IllegalArgumentException e) {
      throw new GtpError("cannot load file: " + e.getMessage());
    }
    s.newGame(sgf.boardSize());
    s.setRules(rules);
    s.replay(sgf.setupBoard(), sgf.firstPlayer(), List.of());
    int n = Math.min(upTo - 1, sgf.moves().size());
    for (int i = 0; i < n; i++) {
      SgfGame.SgfMove m = sgf.moves().get(i);
      try {
        s.play(m.color(), m.move());
      } catch (GtpError e) {
        throw new GtpError("cannot load file: move " + (i + 1) + " is illegal");
      }
    }
    return "";
  }

  /** {@code printsgf [FILE]}: the game as SGF, answered or written to the file. */
  private String printSgf(List<String> args) throws GtpError {
    String sgf = SgfWriter.write(SgfGame.of(s.game()));
    if (args.isEmpty()) {
      return sgf.strip();
    }
    try {
      Files.writeString(Path.of(args.get(0)), sgf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GtpError("cannot write file: " + e.getMessage());
    }
    return "";
  }

  /** The rules as KataGo's GTP extension writes them (a JSON object). */
  private String getRules() {
    Rules r = s.rules();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("friendlyPassOk", r.scoring() == Scoring.AREA);
    json.put("hasButton", false);
    json.put("ko", r.koRule().name());
    json.put("scoring", "AREA");
    json.put("suicide", r.suicideAllowed());
    json.put("tax", "NONE");
    json.put("whiteHandicapBonus", "0");
    try {
      return JSON.writeValueAsString(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A preset's name, or KataGo's JSON object of rules (those Tengen can play). */
  private String setRules(List<String> args) throws GtpError {
    need(args, 1);
    String text = String.join(" ", args).strip();
    Rules parsed;
    try {
      parsed = text.startsWith("{") ? fromJson(text) : Rules.parse(text);
    } catch (IllegalArgumentException e) {
      throw new GtpError("unsupported rules: " + e.getMessage());
    }
    s.setRules(parsed.withKomi(s.rules().komi()));
    return "";
  }

  private static Rules fromJson(String text) {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object of rules");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("not a JSON object of rules");
    }
    String ko = json.path("ko").asText("POSITIONAL").toUpperCase(Locale.ROOT);
    KoRule koRule;
    try {
      koRule = KoRule.valueOf(ko);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ko rule '" + ko + "' (Tengen has SIMPLE, POSITIONAL and SITUATIONAL)");
    }
    String scoring = json.path("scoring").asText("AREA").toUpperCase(Locale.ROOT);
    if (!scoring.equals("AREA")) {
      throw new IllegalArgumentException(
          "scoring '" + scoring + "': Tengen implements area scoring only");
    }
    for (String field : List.of("tax", "hasButton", "whiteHandicapBonus")) {
      JsonNode v = json.get(field);
      if (v != null && !List.of("NONE", "false", "0").contains(v.asText())) {
        throw new IllegalArgumentException(
            field + " '" + v.asText() + "': Tengen has no seki tax, button or handicap bonus");
      }
    }
    boolean suicide = json.path("suicide").asBoolean(false);
    boolean friendlyPass = json.path("friendlyPassOk").asBoolean(true);
    return new Rules(koRule, friendlyPass ? Scoring.AREA : Scoring.TROMP_TAYLOR, suicide, 7.5);
  }

  private String vertices(List<Move> points) {
    int size = s.game().size();
    return points.stream().map(m -> m.toGtp(size)).collect(Collectors.joining(" "));
  }
}
