package org.tengen.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;

/** Valid self-play records from random games, for the tests to break in chosen ways. */
final class TestGames {
  static final String NETWORK = "kata1-b6c96-s1000-d20000";

  private TestGames() {}

  /** A random game played to two passes, with a uniform policy over the legal moves. */
  static GameRecord game(int size, long seed, Rules rules) {
    SplittableRandom random = new SplittableRandom(seed);
    Game game = new Game(size, rules);
    GameRecordBuilder builder = new GameRecordBuilder(NETWORK);
    int[] scratch = new int[size * size];
    while (!game.isOver()) {
      builder.record(game, uniformLegal(game));
      game.playAssumeLegal(Playout.randomMove(game, random, scratch));
    }
    return builder.build(game);
  }

  /**
   * A random game played to two passes, then taken back to before those passes, where {@code
   * resignerIsWinner} decides who resigns: the player who wins the count, or the other.
   */
  static GameRecord resigned(int size, long seed, boolean resignerIsWinner) {
    SplittableRandom random = new SplittableRandom(seed);
    Game played = new Game(size, Rules.chinese());
    int[] scratch = new int[size * size];
    while (!played.isOver()) {
      played.playAssumeLegal(Playout.randomMove(played, random, scratch));
    }
    org.tengen.core.go.Color winner = played.result().winner();
    List<org.tengen.core.go.Move> moves = played.moves();
    int end = moves.size();
    while (end > 0 && moves.get(end - 1).isPass()) {
      end--;
    }
    Game game = new Game(size, Rules.chinese());
    GameRecordBuilder builder = new GameRecordBuilder(NETWORK);
    for (int i = 0; i < end; i++) {
      builder.record(game, uniformLegal(game));
      game.play(moves.get(i));
    }
    game.resign(resignerIsWinner ? winner : winner.opponent());
    return builder.build(game);
  }

  static GameRecord game(int size, long seed) {
    return game(size, seed, Rules.chinese());
  }

  static float[] uniformLegal(Game game) {
    Board board = game.board();
    int points = game.size() * game.size();
    float[] policy = new float[points + 1];
    int legal = 1;
    for (int p = 0; p < points; p++) {
      int loc = board.locOfPoint(p);
      if (board.get(loc) == Board.EMPTY && game.isLegal(loc)) {
        policy[p] = 1;
        legal++;
      }
    }
    policy[points] = 1;
    for (int i = 0; i < policy.length; i++) {
      policy[i] /= legal;
    }
    return policy;
  }

  static GameBatch batch(int games, int size, long seed) {
    List<GameRecord> list = new ArrayList<>();
    for (int i = 0; i < games; i++) {
      list.add(game(size, seed + i));
    }
    return new GameBatch(GameRecord.VERSION, "run1", NETWORK, list);
  }

  /** The game with one position replaced. */
  static GameRecord withPosition(GameRecord g, int index, PositionRecord p) {
    List<PositionRecord> positions = new ArrayList<>(g.positions());
    positions.set(index, p);
    return new GameRecord(
        g.version(),
        g.rules(),
        g.komi(),
        g.boardSize(),
        g.network(),
        g.moves(),
        g.result(),
        positions);
  }

  static PositionRecord withPolicy(PositionRecord p, float[] policy) {
    return new PositionRecord(
        p.moveNumber(), p.board(), policy, p.value(), p.score(), p.ownership());
  }
}
