package org.tengen.worker.selfplay;

import java.util.SplittableRandom;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.selfplay.Variety;
import org.tengen.network.eval.Evaluator;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.search.SearchResult;

/**
 * Plays one self-play game with a network and returns its version-1 record: per move the board, the
 * search's visit distribution as the policy target, and (from the final result) value, score and
 * ownership targets, exactly as the core validator checks them.
 */
public final class SelfPlay {

  private SelfPlay() {}

  /** What a game is played with; {@code rules} are the run's, which {@code variety} may vary. */
  public record Settings(int boardSize, Rules rules, SearchParams search, Variety variety) {
    public Settings(int boardSize, Rules rules, SearchParams search) {
      this(boardSize, rules, search, Variety.NONE);
    }
  }

  public static GameRecord play(
      Settings settings, String network, Evaluator evaluator, SplittableRandom random) {
    return play(settings, network, evaluator, random, () -> {});
  }

  /** The same, calling {@code onMove} after every move (for progress counters). */
  public static GameRecord play(
      Settings settings,
      String network,
      Evaluator evaluator,
      SplittableRandom random,
      Runnable onMove) {
    int size = settings.boardSize();
    SearchParams params = settings.search();
    Game game = new Game(size, settings.variety().rulesFor(settings.rules(), size, random));
    int opening = settings.variety().openingMoves(random);
    Mcts mcts = new Mcts(params, evaluator, random);
    GameRecordBuilder builder = new GameRecordBuilder(network);
    boolean mayResign = random.nextDouble() >= params.noResignFraction();
    // No resignation before the shortest game an upload may hold, nor in the opening.
    int firstResignMove = Math.max(11, 2 * size);
    int[] lowStreak = new int[2];
    // Each side's latest root value, from its own view. A resignation needs the opponent to agree
    // that the mover is lost: an untrained value head that calls every position lost for whoever
    // is to move would otherwise end every game at firstResignMove with an arbitrary winner, and
    // teach the next network exactly that.
    double[] lastValue = {0, 0};
    // KataGo's reduced visits where games are played out: black's view of the game's fate (+1, -1
    // or 0) and for how many moves in a row the root has called it so.
    int decidedFor = 0;
    int decidedMoves = 0;
    int cap = params.maxMovesPerPoint() * size * size;
    int shortest = Math.max(11, size * size / 4);
    while (!game.isOver()) {
      int moveNumber = game.moveCount();
      if (moveNumber < opening) {
        // An opening move from the network's own policy: a position, but no policy target.
        float[] priors = mcts.priors(game);
        builder.record(game, priors, false);
        Move move = samplePoint(priors, size, random);
        if (!game.play(move).isLegal()) {
          throw new IllegalStateException("the policy sampled an illegal move " + move);
        }
        mcts.advance(move, size);
        onMove.run();
        continue;
      }
      // Playout cap randomisation: most moves get a cheap search, without noise, whose policy
      // is recorded but marked as no training target; so does every move of a decided game that
      // is played out (reduced visits).
      boolean decided = params.reduceDecided() && decidedMoves >= SearchParams.DECIDED_MOVES;
      boolean cheap = decided || random.nextDouble() < params.techniques().cheapShare();
      SearchResult r =
          mcts.search(
              game,
              cheap ? params.cheapVisits() : params.visits(),
              !cheap && moveNumber < params.techniques().noiseMoves(),
              params.moveTemperature(moveNumber, size),
              !cheap);
      Color mover = game.toMove();
      lastValue[mover.ordinal()] = r.value();
      double blacksValue = mover == Color.BLACK ? r.value() : -r.value();
      int fate =
          Math.abs(blacksValue) >= SearchParams.DECIDED_VALUE ? (blacksValue > 0 ? 1 : -1) : 0;
      decidedMoves = fate == 0 ? 0 : fate == decidedFor ? decidedMoves + 1 : 1;
      decidedFor = fate;
      if (mayResign && moveNumber >= firstResignMove) {
        lowStreak[mover.ordinal()] =
            r.value() < params.resignThreshold() ? lowStreak[mover.ordinal()] + 1 : 0;
        boolean opponentAgrees = lastValue[mover.opponent().ordinal()] > -params.resignThreshold();
        if (lowStreak[mover.ordinal()] >= params.resignConsecutive() && opponentAgrees) {
          game.resign(mover);
          break;
        }
      }
      builder.record(game, r.policy(), !cheap);
      // At the move cap both players pass, and the game is counted as it stands.
      Move move = moveNumber >= cap ? Move.PASS : r.move();
      if (move.isPass() && game.consecutivePasses() == 1 && moveNumber + 1 < shortest) {
        move = mcts.mostVisitedNonPass(size);
      }
      Legality legality = game.play(move);
      if (!legality.isLegal()) {
        throw new IllegalStateException("search chose an illegal move " + move + ": " + legality);
      }
      mcts.advance(move, size);
      onMove.run();
    }
    return builder.build(game);
  }

  /** A point (never the pass) drawn from the policy's weights on the board's points. */
  static Move samplePoint(float[] policy, int size, SplittableRandom random) {
    int points = size * size;
    double total = 0;
    for (int p = 0; p < points; p++) {
      total += policy[p];
    }
    if (!(total > 0)) {
      throw new IllegalStateException("the policy gives no weight to any point");
    }
    double x = random.nextDouble() * total;
    int last = -1;
    for (int p = 0; p < points; p++) {
      if (policy[p] > 0) {
        last = p;
        x -= policy[p];
        if (x < 0) {
          return Move.ofIndex(p, size);
        }
      }
    }
    return Move.ofIndex(last, size);
  }
}
