package org.tengen.worker.gtp;

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
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.search.SearchResult;

/**
 * The Go Text Protocol, version 2, over a network and the search: what every Go GUI and referee
 * speaks. One command per line; answers are {@code =[id] result} or {@code ?[id] message}, each
 * followed by a blank line. A move played out of turn is preceded by a pass of the other colour, so
 * the game's history stays a real game.
 */
public final class GtpEngine {

  static final List<String> COMMANDS =
      List.of(
          "protocol_version",
          "name",
          "version",
          "known_command",
          "list_commands",
          "quit",
          "boardsize",
          "clear_board",
          "komi",
          "play",
          "genmove",
          "undo",
          "showboard",
          "final_score",
          "time_settings",
          "time_left");

  /** A command's failure: its text follows the {@code ?}. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final Supplier<Evaluator> evaluator;
  private final int maxVisits;
  private final SplittableRandom random;
  private Rules rules;
  private Game game;
  private Mcts mcts;
  private boolean quit;
  // Time: main time and byo-yomi as time_settings gave them, what time_left said last.
  private double mainTime = -1;
  private double byoYomiTime;
  private int byoYomiStones;
  private final double[] timeLeft = {-1, -1};
  private final int[] stonesLeft = {0, 0};

  /**
   * @param evaluator the network's evaluator
   * @param maxVisits visits per move (fewer when the clock asks for it)
   */
  public GtpEngine(Supplier<Evaluator> evaluator, Rules rules, int maxVisits, long seed) {
    this.evaluator = evaluator;
    this.rules = rules;
    this.maxVisits = maxVisits;
    this.random = new SplittableRandom(seed);
    newGame(19);
  }

  private void newGame(int size) {
    game = new Game(size, rules);
    mcts = new Mcts(SearchParams.strongest(maxVisits), evaluator.get(), random);
  }

  public boolean quitRequested() {
    return quit;
  }

  /** Reads commands until quit or the end of input. */
  public void run(BufferedReader in, PrintStream out) throws IOException {
    for (String line; !quit && (line = in.readLine()) != null; ) {
      String answer = handle(line);
      if (answer != null) {
        out.print(answer);
        out.flush();
      }
    }
  }

  /** The full answer to one input line (null for an empty or comment line). */
  public String handle(String raw) {
    StringBuilder clean = new StringBuilder();
    for (char c : raw.toCharArray()) {
      if (c == '#') {
        break;
      }
      if (c == '\t') {
        clean.append(' ');
      } else if (c >= 32 && c != 127) {
        clean.append(c);
      }
    }
    String line = clean.toString().strip();
    if (line.isEmpty()) {
      return null;
    }
    String[] words = line.split("\\s+");
    String id = "";
    int first = 0;
    if (words[0].matches("\\d+")) {
      id = words[0];
      first = 1;
    }
    if (first >= words.length) {
      return "?" + id + " no command\n\n";
    }
    String command = words[first].toLowerCase(Locale.ROOT);
    List<String> args = List.of(words).subList(first + 1, words.length);
    try {
      String result = execute(command, args);
      return "=" + id + (result.isEmpty() ? "" : " " + result) + "\n\n";
    } catch (Failure e) {
      return "?" + id + " " + e.getMessage() + "\n\n";
    } catch (RuntimeException e) {
      return "?" + id + " internal error: " + e + "\n\n";
    }
  }

  private String execute(String command, List<String> args) throws Failure {
    switch (command) {
      case "protocol_version":
        return "2";
      case "name":
        return "Tengen";
      case "version":
        return "0.1.0";
      case "known_command":
        need(args, 1);
        return COMMANDS.contains(args.get(0).toLowerCase(Locale.ROOT)) ? "true" : "false";
      case "list_commands":
        return String.join("\n", COMMANDS);
      case "quit":
        quit = true;
        return "";
      case "boardsize":
        {
          need(args, 1);
          int size = integer(args.get(0));
          if (size < 2 || size > 19) {
            throw new Failure("unacceptable size");
          }
          newGame(size);
          return "";
        }
      case "clear_board":
        newGame(game.size());
        return "";
      case "komi":
        {
          need(args, 1);
          double komi = number(args.get(0));
          try {
            Rules.checkKomi(komi);
          } catch (IllegalArgumentException e) {
            throw new Failure("komi " + args.get(0) + " refused: " + e.getMessage());
          }
          rules = rules.withKomi(komi);
          replay(game.moves(), game.size());
          return "";
        }
      case "play":
        {
          need(args, 2);
          Color color = color(args.get(0));
          Move move = vertex(args.get(1));
          play(color, move);
          return "";
        }
      case "genmove":
        {
          need(args, 1);
          Color color = color(args.get(0));
          game.resume(); // after both passed, play goes on when asked, as GNU Go's does
          if (game.isOver()) {
            throw new Failure("the game is over");
          }
          if (color != game.toMove()) {
            play(color.opponent(), Move.PASS);
          }
          Move move = think(color);
          play(color, move);
          return move.isPass() ? "pass" : move.toGtp(game.size());
        }
      case "undo":
        if (game.moves().isEmpty()) {
          throw new Failure("cannot undo");
        }
        List<Move> moves = new ArrayList<>(game.moves());
        moves.remove(moves.size() - 1);
        replay(moves, game.size());
        return "";
      case "showboard":
        return "\n" + game.board().toString().stripTrailing();
      case "final_score":
        {
          double margin = game.score().blackMargin();
          if (margin == 0) {
            return "0";
          }
          return (margin > 0 ? "B+" : "W+") + format(Math.abs(margin));
        }
      case "time_settings":
        need(args, 3);
        mainTime = number(args.get(0));
        byoYomiTime = number(args.get(1));
        byoYomiStones = integer(args.get(2));
        timeLeft[0] = timeLeft[1] = mainTime;
        return "";
      case "time_left":
        {
          need(args, 3);
          Color color = color(args.get(0));
          timeLeft[color.ordinal()] = number(args.get(1));
          stonesLeft[color.ordinal()] = integer(args.get(2));
          return "";
        }
      default:
        throw new Failure("unknown command");
    }
  }

  private void play(Color color, Move move) throws Failure {
    game.resume();
    if (game.isOver()) {
      throw new Failure("the game is over");
    }
    if (color != game.toMove()) {
      Legality pass = game.play(Move.PASS);
      if (!pass.isLegal()) {
        throw new Failure("illegal move");
      }
      mcts.advance(Move.PASS, game.size());
    }
    Legality legality = game.play(move);
    if (!legality.isLegal()) {
      throw new Failure("illegal move");
    }
    mcts.advance(move, game.size());
  }

  /** The search's move: as many visits as the clock allows, at most {@code maxVisits}. */
  private Move think(Color color) {
    double budget = secondsForMove(color);
    long deadline = budget > 0 ? System.nanoTime() + (long) (budget * 1e9) : Long.MAX_VALUE;
    int visits = Math.min(maxVisits, 16);
    SearchResult r = mcts.search(game, visits, false, false);
    while (r.visits() < maxVisits && System.nanoTime() < deadline) {
      visits = Math.min(maxVisits, r.visits() + 32);
      r = mcts.search(game, visits, false, false);
    }
    return r.move();
  }

  /** Seconds to spend on this move; 0 when no clock was set. */
  private double secondsForMove(Color color) {
    double left = timeLeft[color.ordinal()];
    if (mainTime < 0 || left < 0) {
      return 0;
    }
    int stones = stonesLeft[color.ordinal()];
    if (stones > 0) {
      return Math.max(0.05, 0.8 * left / stones); // byo-yomi: share the period's time
    }
    if (mainTime == 0 && byoYomiStones == 0) {
      return 0; // no time limit
    }
    int area = game.size() * game.size();
    int movesLeft = Math.max(10, (int) (0.4 * area) - game.moveCount() / 2);
    return Math.max(0.05, 0.9 * left / movesLeft + 0.5 * byoYomiTime / Math.max(1, byoYomiStones));
  }

  private void replay(List<Move> moves, int size) throws Failure {
    Game replayed = new Game(size, rules);
    for (Move m : moves) {
      replayed.resume();
      if (!replayed.play(m).isLegal()) {
        throw new Failure("cannot replay the game under the new settings");
      }
    }
    game = replayed;
    mcts = new Mcts(SearchParams.strongest(maxVisits), evaluator.get(), random);
  }

  private Move vertex(String text) throws Failure {
    try {
      return Move.parseGtp(text, game.size());
    } catch (IllegalArgumentException e) {
      throw new Failure("invalid coordinate");
    }
  }

  private static Color color(String text) throws Failure {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "b", "black" -> Color.BLACK;
      case "w", "white" -> Color.WHITE;
      default -> throw new Failure("invalid color");
    };
  }

  private static void need(List<String> args, int n) throws Failure {
    if (args.size() < n) {
      throw new Failure("syntax error");
    }
  }

  private static int integer(String text) throws Failure {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Failure("syntax error: '" + text + "' is not an integer");
    }
  }

  private static double number(String text) throws Failure {
    try {
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new Failure("syntax error: '" + text + "' is not a number");
    }
  }

  private static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** For tests: the board as it stands. */
  Board board() {
    return game.board();
  }
}
