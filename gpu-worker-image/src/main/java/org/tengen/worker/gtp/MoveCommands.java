package org.tengen.worker.gtp;

import static org.tengen.worker.gtp.GtpArgs.color;
import static org.tengen.worker.gtp.GtpArgs.integer;
import static org.tengen.worker.gtp.GtpArgs.need;
import static org.tengen.worker.gtp.GtpArgs.number;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.worker.search.SearchResult;

/**
 * The commands that choose moves and end games: genmove and its variants, the clock, and the
 * referee's questions (final_score, final_status_list).
 */
final class MoveCommands {

  private final GtpSession s;

  /** Own moves in a row, per colour, whose winrate was below the resignation threshold. */
  private final int[] hopeless = new int[2];

  private MoveCommands(GtpSession session) {
    this.s = session;
  }

  static MoveCommands register(Map<String, GtpHandler> commands, GtpSession session) {
    MoveCommands c = new MoveCommands(session);
    commands.put("genmove", (a, o) -> c.genmove(a, true, false));
    commands.put("reg_genmove", (a, o) -> c.genmove(a, false, false));
    commands.put("kgs-genmove_cleanup", (a, o) -> c.genmove(a, true, true));
    commands.put("final_score", (a, o) -> c.finalScore());
    commands.put("final_status_list", (a, o) -> c.finalStatusList(a));
    commands.put("time_settings", (a, o) -> c.timeSettings(a));
    commands.put("kgs-time_settings", (a, o) -> c.kgsTimeSettings(a));
    commands.put("time_left", (a, o) -> c.timeLeft(a));
    return c;
  }

  private String genmove(List<String> args, boolean play, boolean cleanup) throws GtpError {
    need(args, 1);
    Color color = color(args.get(0));
    if (!play) {
      // reg_genmove: the same search on a copy of the game, which is left as it was.
      Game saved = s.game().copy();
      s.prepareToMove(color);
      Move m = decide(color, s.think(() -> {}), cleanup, false);
      s.replay(saved.startBoard(), saved.firstPlayer(), saved.moves());
      return m == null ? "resign" : m.toGtp(s.game().size());
    }
    s.prepareToMove(color);
    Move move = decide(color, s.think(() -> {}), cleanup, true);
    return finish(color, move);
  }

  /** Plays (or resigns) the chosen move; answers its vertex. */
  String finish(Color color, Move move) throws GtpError {
    if (move == null) {
      s.resign(color);
      return "resign";
    }
    s.play(color, move);
    return move.toGtp(s.game().size());
  }

  /**
   * The move to play after a search, or null to resign: resigns when the winrate stayed below the
   * settings' threshold on two own moves in a row past the opening; in cleanup, passes only when
   * the opponent has no dead stones left on the board.
   */
  Move decide(Color color, SearchResult r, boolean cleanup, boolean count) {
    Game g = s.game();
    int size = g.size();
    double winrate = (r.value() + 1) / 2;
    if (s.settings.resignWinrate() > 0 && g.moveCount() >= size * size / 3) {
      int streak = winrate < s.settings.resignWinrate() ? hopeless[color.ordinal()] + 1 : 0;
      if (count) {
        hopeless[color.ordinal()] = streak;
      }
      if (streak >= 2) {
        return null;
      }
    } else if (count) {
      hopeless[color.ordinal()] = 0;
    }
    Move move = r.move();
    if (cleanup && move.isPass() && s.deadStones().anyDead(color.opponent(), g.board())) {
      move = s.mcts().mostVisitedNonPass(size);
    }
    return move;
  }

  /** The count with the chains {@link DeadStones} finds dead taken off. */
  private String finalScore() {
    Game g = s.game();
    var board = s.deadStones().withoutDead(g.board());
    double margin = AreaScore.count(board, g.rules().scoring(), g.rules().komi()).blackMargin();
    if (margin == 0) {
      return "0";
    }
    return (margin > 0 ? "B+" : "W+") + GtpArgs.format(Math.abs(margin));
  }

  private String finalStatusList(List<String> args) throws GtpError {
    need(args, 1);
    int size = s.game().size();
    DeadStones status = s.deadStones();
    List<List<Move>> chains =
        switch (args.get(0).toLowerCase(Locale.ROOT)) {
          case "dead" -> status.dead();
          case "alive" -> status.alive();
          case "seki" -> List.of(); // area scoring counts seki stones as alive; none reported
          default -> throw new GtpError("syntax error: status must be alive, dead or seki");
        };
    return chains.stream()
        .map(c -> c.stream().map(m -> m.toGtp(size)).collect(Collectors.joining(" ")))
        .collect(Collectors.joining("\n"));
  }

  private String timeSettings(List<String> args) throws GtpError {
    need(args, 3);
    s.clock.set(number(args.get(0)), number(args.get(1)), integer(args.get(2)));
    return "";
  }

  /** KGS's clock: none, absolute MAIN, byoyomi MAIN PERIOD COUNT, canadian MAIN PERIOD STONES. */
  private String kgsTimeSettings(List<String> args) throws GtpError {
    need(args, 1);
    switch (args.get(0).toLowerCase(Locale.ROOT)) {
      case "none" -> s.clock.clear();
      case "absolute" -> {
        need(args, 2);
        s.clock.set(number(args.get(1)), 0, 0);
      }
      case "byoyomi" -> {
        need(args, 4);
        s.clock.set(number(args.get(1)), number(args.get(2)), 1); // each period is one move
      }
      case "canadian" -> {
        need(args, 4);
        s.clock.set(number(args.get(1)), number(args.get(2)), integer(args.get(3)));
      }
      default -> throw new GtpError("syntax error: unknown time system '" + args.get(0) + "'");
    }
    return "";
  }

  private String timeLeft(List<String> args) throws GtpError {
    need(args, 3);
    s.clock.left(color(args.get(0)), number(args.get(1)), integer(args.get(2)));
    return "";
  }
}
