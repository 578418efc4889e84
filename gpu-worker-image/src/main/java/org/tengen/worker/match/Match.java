package org.tengen.worker.match;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.rating.MatchScore;
import org.tengen.network.eval.Evaluator;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.search.SearchResult;

/**
 * Rating games between a candidate and a baseline network, colours alternating as the seed's
 * evaluation does (the candidate takes black in even games). Each side searches with its own tree.
 * Moves before {@code params.techniques().sampledMoves()} are sampled so that games differ; no
 * noise, no resignation.
 */
public final class Match {

  private Match() {}

  /** Wins, losses and draws of the candidate. */
  public static MatchScore play(
      Evaluator candidate,
      Evaluator baseline,
      int games,
      int size,
      Rules rules,
      SearchParams params,
      int inFlight,
      long seed)
      throws InterruptedException {
    SplittableRandom seeds = new SplittableRandom(seed);
    List<SplittableRandom> randoms = new ArrayList<>();
    for (int i = 0; i < games; i++) {
      randoms.add(seeds.split());
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, inFlight),
            r -> {
              Thread t = new Thread(r, "match-game");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < games; i++) {
        int game = i;
        results.add(
            pool.submit(
                () ->
                    playOne(
                        candidate,
                        baseline,
                        game % 2 == 0 ? Color.BLACK : Color.WHITE,
                        size,
                        rules,
                        params,
                        randoms.get(game))));
      }
      MatchScore score = MatchScore.NONE;
      for (Future<Integer> f : results) {
        try {
          score = score.plus(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a rating game failed: " + e.getCause(), e.getCause());
        }
      }
      return score;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One game; +1 if the candidate won, -1 if it lost, 0 for a draw. */
  public static int playOne(
      Evaluator candidate,
      Evaluator baseline,
      Color candidateColor,
      int size,
      Rules rules,
      SearchParams params,
      SplittableRandom random) {
    return playGame(candidate, baseline, candidateColor, size, rules, params, random)
        .result()
        .valueFor(candidateColor);
  }

  /**
   * One game played out (never resigned; passes from the move cap on), returned finished: its moves
   * are the record a rating task uploads.
   */
  public static Game playGame(
      Evaluator candidate,
      Evaluator baseline,
      Color candidateColor,
      int size,
      Rules rules,
      SearchParams params,
      SplittableRandom random) {
    Game game = new Game(size, rules);
    Mcts black = new Mcts(params, candidateColor == Color.BLACK ? candidate : baseline, random);
    Mcts white = new Mcts(params, candidateColor == Color.WHITE ? candidate : baseline, random);
    int cap = params.maxMovesPerPoint() * size * size;
    while (!game.isOver()) {
      Mcts mover = game.toMove() == Color.BLACK ? black : white;
      int moveNumber = game.moveCount();
      Move move;
      if (moveNumber >= cap) {
        move = Move.PASS;
      } else {
        SearchResult r =
            mover.search(
                game, params.visits(), false, params.moveTemperature(moveNumber, size), false);
        move = r.move();
      }
      if (!game.play(move).isLegal()) {
        throw new IllegalStateException("search chose an illegal move " + move);
      }
      black.advance(move, size);
      white.advance(move, size);
    }
    return game;
  }
}
