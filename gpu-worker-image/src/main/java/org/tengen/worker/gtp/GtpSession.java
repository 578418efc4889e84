package org.tengen.worker.gtp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.features.Features;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.search.SearchResult;

/**
 * The game a GTP controller builds up (board size, rules, setup stones, moves) and the search over
 * it. A move played out of turn is preceded by a pass of the other colour, so the game's history
 * stays a real game; setup stones (handicap, an SGF's AB/AW) are the game's start position.
 */
final class GtpSession {

  final GtpSettings settings;
  final GtpClock clock = new GtpClock();
  private final Supplier<Evaluator> evaluator;
  private final SplittableRandom random;
  private Rules rules;
  private Game game;
  private Mcts mcts;

  /** Whether the start position's stones are a handicap placed by command (undo takes them). */
  private boolean handicapPlaced;

  GtpSession(Supplier<Evaluator> evaluator, Rules rules, GtpSettings settings) {
    this.evaluator = evaluator;
    this.rules = rules;
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    newGame(19);
  }

  Game game() {
    return game;
  }

  Rules rules() {
    return rules;
  }

  Mcts mcts() {
    return mcts;
  }

  Evaluator evaluator() {
    return evaluator.get();
  }

  /** A fresh search over the current game (the tree of the old one dropped). */
  Mcts newSearch() {
    return new Mcts(SearchParams.strongest(settings.maxVisits()), evaluator.get(), random);
  }

  /** An empty board of this size. */
  void newGame(int size) {
    game = new Game(size, rules);
    mcts = newSearch();
    handicapPlaced = false;
  }

  /** The game replayed from its start under other rules (komi included). */
  void setRules(Rules newRules) throws GtpError {
    Rules old = rules;
    rules = newRules;
    try {
      replay(game.startBoard(), game.firstPlayer(), game.moves());
    } catch (GtpError e) {
      rules = old;
      throw e;
    }
  }

  /** Handicap stones: only on an empty board; white moves next. */
  void placeHandicap(List<Move> stones) throws GtpError {
    if (!game.moves().isEmpty()
        || game.board().stoneCount(Board.BLACK) > 0
        || game.board().stoneCount(Board.WHITE) > 0) {
      throw new GtpError("board not empty");
    }
    Board setup = new Board(game.size());
    for (Move m : stones) {
      if (m.isPass() || !m.isOn(game.size())) {
        throw new GtpError("invalid coordinate");
      }
      if (setup.get(setup.loc(m)) != Board.EMPTY) {
        throw new GtpError("repeated vertex " + m.toGtp(game.size()));
      }
      setup.setStone(setup.loc(m), Board.BLACK);
    }
    game = new Game(setup, Color.WHITE, rules);
    mcts = newSearch();
    handicapPlaced = true;
  }

  /** A game from a start position and moves (loadsgf, undo, new rules). */
  void replay(Board start, Color first, List<Move> moves) throws GtpError {
    Game replayed = new Game(start, first, rules);
    for (Move m : moves) {
      replayed.resume();
      if (!replayed.play(m).isLegal()) {
        throw new GtpError("cannot replay the game under these settings");
      }
    }
    game = replayed;
    mcts = newSearch();
  }

  void play(Color color, Move move) throws GtpError {
    game.resume(); // after both passed, play goes on when asked, as GNU Go's does
    if (game.isOver()) {
      throw new GtpError("the game is over");
    }
    if (color != game.toMove()) {
      if (!game.play(Move.PASS).isLegal()) {
        throw new GtpError("illegal move");
      }
      mcts.advance(Move.PASS, game.size());
    }
    Legality legality = game.play(move);
    if (!legality.isLegal()) {
      throw new GtpError("illegal move");
    }
    mcts.advance(move, game.size());
  }

  /**
   * Makes {@code color} the player to move (a pass of the other colour when it is not), so that a
   * search for it can start.
   */
  void prepareToMove(Color color) throws GtpError {
    game.resume();
    if (game.isOver()) {
      throw new GtpError("the game is over");
    }
    if (color != game.toMove()) {
      play(color.opponent(), Move.PASS);
    }
  }

  /** Takes back the last move; with none left, handicap stones placed by command. */
  void undo() throws GtpError {
    if (game.moves().isEmpty()) {
      if (!handicapPlaced) {
        throw new GtpError("cannot undo");
      }
      newGame(game.size());
      return;
    }
    List<Move> moves = new ArrayList<>(game.moves());
    moves.remove(moves.size() - 1);
    replay(game.startBoard(), game.firstPlayer(), moves);
  }

  void resign(Color color) {
    game.resign(color);
  }

  /**
   * Searches the position for its player to move with as many visits as the clock allows, at most
   * the settings' visits per move, calling {@code progress} after each step of the search (a
   * streaming command reports from it).
   */
  SearchResult think(Runnable progress) {
    double budget = clock.secondsForMove(game.toMove(), game.size(), game.moveCount());
    long deadline = budget > 0 ? System.nanoTime() + (long) (budget * 1e9) : Long.MAX_VALUE;
    int max = settings.maxVisits();
    SearchResult r = mcts.search(game, Math.min(max, 16), false, false);
    progress.run();
    while (r.visits() < max && System.nanoTime() < deadline) {
      r = mcts.search(game, Math.min(max, r.visits() + 32), false, false);
      progress.run();
    }
    return r;
  }

  /** The network's ownership of the current position, +1 black's. */
  float[] blackOwnership() {
    float[] own = evaluator().evaluate(Features.of(game)).ownership().clone();
    if (game.toMove() == Color.WHITE) {
      for (int i = 0; i < own.length; i++) {
        own[i] = -own[i];
      }
    }
    return own;
  }

  /** The dead and living chains of the current position. */
  DeadStones deadStones() {
    return DeadStones.of(game.board(), blackOwnership());
  }
}
