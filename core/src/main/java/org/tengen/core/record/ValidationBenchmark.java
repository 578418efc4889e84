package org.tengen.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;

/**
 * Time to validate one 19x19 game of 250 positions with full replay: parsing the JSON, replaying
 * every move under Chinese rules, checking every board, policy (legality of every weighted move)
 * and target, and counting the final position.
 */
public final class ValidationBenchmark {

  private ValidationBenchmark() {}

  /** A 19x19 game of exactly {@code moves} moves ending in two passes, with dense policies. */
  static GameRecord game(int moves, long seed) {
    for (long s = seed; ; s++) {
      SplittableRandom random = new SplittableRandom(s);
      Game game = new Game(19, Rules.chinese());
      GameRecordBuilder builder = new GameRecordBuilder("kata1-b18c384nbt-s9996604416-d4316597426");
      int[] scratch = new int[361];
      while (game.moveCount() < moves - 2) {
        builder.record(game, denseLegalPolicy(game));
        int loc = Playout.randomMove(game, random, scratch);
        if (loc == Board.NONE) {
          break;
        }
        game.playAssumeLegal(loc);
      }
      if (game.moveCount() != moves - 2) {
        continue;
      }
      for (int i = 0; i < 2; i++) {
        builder.record(game, denseLegalPolicy(game));
        game.playAssumeLegal(Board.NONE);
      }
      return builder.build(game);
    }
  }

  /** Weight on every legal move: the worst case for the policy checks. */
  static float[] denseLegalPolicy(Game game) {
    Board board = game.board();
    float[] p = new float[362];
    int n = 1;
    for (int i = 0; i < 361; i++) {
      int loc = board.locOfPoint(i);
      if (board.get(loc) == Board.EMPTY && game.isLegal(loc)) {
        p[i] = 1;
        n++;
      }
    }
    p[361] = 1;
    for (int i = 0; i < p.length; i++) {
      p[i] /= n;
    }
    return p;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    GameRecord game = game(250, 1);
    byte[] json = WireFormat.toJson(game);
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    if (!validator.validate(json).isEmpty()) {
      throw new IllegalStateException("benchmark game is invalid: " + validator.validate(json));
    }
    List<Double> perGame = new ArrayList<>();
    for (int r = 0; r < rounds + 2; r++) {
      int n = 0;
      long start = System.nanoTime();
      long end = start + 2_000_000_000L;
      while (System.nanoTime() < end) {
        if (!validator.validate(json).isEmpty()) {
          throw new IllegalStateException("rejected");
        }
        n++;
      }
      double ms = (System.nanoTime() - start) / 1e6 / n;
      if (r >= 2) {
        perGame.add(ms); // the first two rounds warm up the JIT
      }
    }
    double mean = perGame.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double parseOnly;
    com.fasterxml.jackson.core.JsonFactory factory =
        RecordParser.factory(ValidationLimits.defaults());
    {
      int n = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < 2_000_000_000L) {
        Reasons reasons = new Reasons();
        RecordParser.readGame(
            new java.io.ByteArrayInputStream(json), factory, ValidationLimits.defaults(), reasons);
        n++;
      }
      parseOnly = (System.nanoTime() - start) / 1e6 / n;
    }
    System.out.printf(
        Locale.ROOT,
        "19x19, 250 positions, %d KB of JSON: %.2f ms per game validated (of which %.2f ms parsing), %.0f games/s%n",
        json.length / 1024,
        mean,
        parseOnly,
        1000 / mean);
    System.out.println(
        "rounds (ms/game): "
            + perGame.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
  }
}
