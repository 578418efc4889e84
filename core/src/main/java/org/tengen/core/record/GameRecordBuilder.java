package org.tengen.core.record;

import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;

/**
 * Builds the wire record of a self-play game as it is played: before each move, {@link #record}
 * takes the position and the search's policy; at the end, {@link #build} fills in the value, score
 * and ownership targets from the result and the final position, exactly as {@link GameValidator}
 * will check them.
 */
public final class GameRecordBuilder {

  private final String network;
  private final List<String> boards = new ArrayList<>();
  private final List<float[]> policies = new ArrayList<>();
  private final List<Color> movers = new ArrayList<>();
  private final List<Boolean> fullSearches = new ArrayList<>();

  public GameRecordBuilder(String network) {
    this.network = network;
  }

  /**
   * Records the position before the next move of {@code game} and the policy target for it ({@code
   * size² + 1} entries, pass last, summing to 1, zero on illegal moves).
   */
  public void record(Game game, float[] policy) {
    record(game, policy, true);
  }

  /**
   * The same, for a search that may have been a cheap one (playout cap randomisation): its policy
   * is kept but marked as no training target.
   */
  public void record(Game game, float[] policy, boolean fullSearch) {
    int points = game.size() * game.size();
    if (policy.length != points + 1) {
      throw new IllegalArgumentException(
          "policy has " + policy.length + " entries, " + (points + 1) + " expected");
    }
    if (policies.size() != game.moveCount()) {
      throw new IllegalStateException(
          "record() must be called once before every move: "
              + policies.size()
              + " recorded, "
              + game.moveCount()
              + " played");
    }
    boards.add(game.board().toCompactString());
    policies.add(policy.clone());
    movers.add(game.toMove());
    fullSearches.add(fullSearch);
  }

  /** The record of the finished game (ended by two passes or resignation). */
  public GameRecord build(Game game) {
    if (!game.isOver()) {
      throw new IllegalStateException("the game is not over");
    }
    if (policies.size() != game.moveCount()) {
      throw new IllegalStateException(
          policies.size() + " positions recorded for " + game.moveCount() + " moves");
    }
    int size = game.size();
    // One count: an area count judges dead stones by playouts, and the result is the count's.
    AreaScore count = game.isResigned() ? null : game.score();
    GameResult result = count == null ? game.result() : count.result();
    List<PositionRecord> positions = new ArrayList<>(policies.size());
    for (int i = 0; i < policies.size(); i++) {
      Color mover = movers.get(i);
      int sign = mover.sign();
      float[] ownership = new float[size * size];
      double score = 0;
      if (count != null) {
        for (int p = 0; p < ownership.length; p++) {
          ownership[p] = count.ownership()[p] * sign;
        }
        score = count.blackMargin() * sign;
      }
      positions.add(
          new PositionRecord(
              i,
              boards.get(i),
              policies.get(i),
              result.valueFor(mover),
              score,
              ownership,
              fullSearches.get(i) ? null : Boolean.FALSE));
    }
    List<String> moves = new ArrayList<>(game.moveCount());
    for (Move m : game.moves()) {
      moves.add(m.toGtp(size));
    }
    return new GameRecord(
        GameRecord.VERSION,
        game.rules().name(),
        game.rules().komi(),
        size,
        network,
        moves,
        result.toString(),
        positions);
  }
}
