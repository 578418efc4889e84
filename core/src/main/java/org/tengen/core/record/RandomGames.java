package org.tengen.core.record;

import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;

/**
 * Valid self-play records from random players, for the demo, benchmarks and tests: each move is a
 * uniformly random legal move that does not fill the player's own eye, recorded with a policy
 * target that puts all weight on it. A game that has not ended after three moves per point is
 * resigned by the side to move (random players can go on for a long time).
 */
public final class RandomGames {

  private RandomGames() {}

  /** A random game under {@code rules}, reproducible from {@code seed}. */
  public static GameRecord play(int size, Rules rules, String network, long seed) {
    return record(size, rules, network, new SplittableRandom(seed)).record();
  }

  /** A game and its record, for callers that also want the final position. */
  public record Played(Game game, GameRecord record) {}

  public static Played record(int size, Rules rules, String network, SplittableRandom random) {
    Game game = new Game(size, rules);
    GameRecordBuilder builder = new GameRecordBuilder(network);
    int points = size * size;
    int[] scratch = new int[points];
    while (!game.isOver()) {
      if (game.moveCount() >= 3 * points) {
        game.resign(game.toMove());
        break;
      }
      int loc = Playout.randomMove(game, random, scratch);
      float[] policy = new float[points + 1];
      policy[loc == Board.NONE ? points : game.board().pointIndex(loc)] = 1;
      builder.record(game, policy);
      game.playAssumeLegal(loc);
    }
    return new Played(game, builder.build(game));
  }
}
