package org.tengen.worker.gtp;

import static org.tengen.worker.gtp.GtpArgs.bool;
import static org.tengen.worker.gtp.GtpArgs.color;
import static org.tengen.worker.gtp.GtpArgs.integer;
import static org.tengen.worker.gtp.GtpArgs.isColor;

import java.util.List;
import java.util.Map;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.worker.gtp.AnalysisFormat.Flavour;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchResult;

/**
 * Analysis as Lizzie, Sabaki and KaTrain ask for it: {@code lz-analyze} and {@code kata-analyze}
 * search the position and write a line of candidates every interval until the next command arrives;
 * {@code lz-genmove_analyze} and {@code kata-genmove_analyze} do the same while choosing a move,
 * which they end with a {@code play} line and play.
 */
final class AnalysisCommands {

  /** Longest principal variation written per candidate. */
  static final int PV_LENGTH = 15;

  /** Visits searched between two looks at the input. */
  private static final int STEP = 8;

  /**
   * What follows the command's name: {@code [player] [interval] [key value]...}, the keys {@code
   * interval}, {@code maxmoves}, {@code minmoves} (accepted; every visited move is written anyway),
   * {@code ownership} and {@code rootInfo}.
   */
  record Options(Color player, int intervalCentis, int maxMoves, boolean ownership, boolean root) {

    static Options parse(List<String> args) throws GtpError {
      int i = 0;
      Color player = null;
      int interval = 0;
      int maxMoves = Integer.MAX_VALUE;
      boolean ownership = false;
      boolean root = false;
      if (i < args.size() && isColor(args.get(i))) {
        player = color(args.get(i++));
      }
      if (i < args.size() && args.get(i).matches("\\d+")) {
        interval = integer(args.get(i++));
      }
      while (i < args.size()) {
        String key = args.get(i++);
        if (i >= args.size()) {
          throw new GtpError("syntax error: '" + key + "' needs a value");
        }
        String value = args.get(i++);
        switch (key) {
          case "interval" -> interval = nonNegative(key, value);
          case "maxmoves" -> maxMoves = Math.max(1, nonNegative(key, value));
          case "minmoves" -> nonNegative(key, value);
          case "ownership" -> ownership = bool(value);
          case "rootInfo" -> root = bool(value);
          default -> throw new GtpError("syntax error: unknown analysis option '" + key + "'");
        }
      }
      return new Options(player, interval, maxMoves, ownership, root);
    }

    private static int nonNegative(String key, String value) throws GtpError {
      int n = integer(value);
      if (n < 0) {
        throw new GtpError("syntax error: " + key + " cannot be negative");
      }
      return n;
    }
  }

  private final GtpSession s;
  private final MoveCommands moves;

  private AnalysisCommands(GtpSession session, MoveCommands moves) {
    this.s = session;
    this.moves = moves;
  }

  static void register(Map<String, GtpHandler> commands, GtpSession session, MoveCommands moves) {
    AnalysisCommands c = new AnalysisCommands(session, moves);
    commands.put("lz-analyze", (a, o) -> c.analyze(a, o, Flavour.LEELA_ZERO));
    commands.put("kata-analyze", (a, o) -> c.analyze(a, o, Flavour.KATAGO));
    commands.put("lz-genmove_analyze", (a, o) -> c.genmoveAnalyze(a, o, Flavour.LEELA_ZERO));
    commands.put("kata-genmove_analyze", (a, o) -> c.genmoveAnalyze(a, o, Flavour.KATAGO));
  }

  /**
   * Ponders until the next command: the session's own search when the player asked for is to move
   * (its tree serves the next genmove), otherwise a search of a copy in which the other side
   * passed.
   */
  private String analyze(List<String> args, GtpOutput out, Flavour flavour) throws GtpError {
    Options o = Options.parse(args);
    Game real = s.game();
    if (real.isResigned()) {
      throw new GtpError("the game is over");
    }
    Color player = o.player() == null ? real.toMove() : o.player();
    Game game = real;
    Mcts mcts = s.mcts();
    if (real.isOver() || player != real.toMove()) {
      game = real.copy();
      game.resume();
      if (player != game.toMove()) {
        game.play(Move.PASS);
      }
      if (game.isOver()) {
        throw new GtpError("the game is over");
      }
      mcts = s.newSearch();
    }
    out.open();
    long interval = o.intervalCentis() * 10_000_000L;
    long next = System.nanoTime() + interval;
    int limit = s.settings.analysisVisits();
    int visits = mcts.search(game, 1, false, false).visits();
    boolean reported = false;
    while (!out.interrupted()) {
      if (visits < limit) {
        visits = mcts.search(game, Math.min(limit, visits + STEP), false, false).visits();
        reported = false;
        if (interval > 0 && System.nanoTime() >= next) {
          report(out, mcts, game, o, flavour);
          reported = true;
          next = System.nanoTime() + interval;
        }
      } else {
        if (!reported) {
          report(out, mcts, game, o, flavour);
          reported = true;
        }
        if (out.awaitInterrupt(50)) {
          break;
        }
      }
    }
    return "";
  }

  /**
   * Writes the analysis line of the search's root unless it is empty (a search of one visit has no
   * candidates yet): an empty line would end the answer.
   */
  private static void report(GtpOutput out, Mcts mcts, Game game, Options o, Flavour flavour) {
    String line =
        AnalysisFormat.line(
            mcts.analysis(game, o.maxMoves(), PV_LENGTH),
            game.size(),
            flavour,
            o.root(),
            o.ownership());
    if (!line.isEmpty()) {
      out.line(line);
    }
  }

  private String genmoveAnalyze(List<String> args, GtpOutput out, Flavour flavour) throws GtpError {
    Options o = Options.parse(args);
    Color color = o.player() == null ? s.game().toMove() : o.player();
    s.prepareToMove(color);
    Game game = s.game();
    out.open();
    long interval = o.intervalCentis() * 10_000_000L;
    long[] next = {System.nanoTime() + interval};
    SearchResult r =
        s.think(
            () -> {
              if (interval > 0 && System.nanoTime() >= next[0]) {
                report(out, s.mcts(), game, o, flavour);
                next[0] = System.nanoTime() + interval;
              }
            });
    report(out, s.mcts(), game, o, flavour);
    Move move = moves.decide(color, r, false, true);
    String played = moves.finish(color, move);
    return "play " + played;
  }
}
