package org.tengen.worker.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.shard.TrainingShard;
import org.tengen.worker.gtp.GtpProcess;

/**
 * A diagnostic, not training data for any run: games of another GTP engine (GNU Go) against itself,
 * written as training shards ({@code games_NNNNN.npz}) for {@code tengen train}. Each position's
 * policy target is the engine's move; value, score and ownership come from the result as in
 * self-play. Training a network on them tells whether the network, its features and the trainer can
 * learn to play at all from clean targets, apart from what self-play feeds them. The local loop
 * never reads these shards; a run's networks learn from their own games only.
 *
 * <p>Each game opens with 0 to {@code randomOpening} uniformly random moves (kept as positions, but
 * no policy target) so that a deterministic engine plays different games.
 */
public final class TeacherGames {

  /**
   * @param engine the GTP engine's command (for GNU Go add {@code --capture-all-dead}, so that a
   *     game ends with its dead stones taken off and area scoring counts it as the engine would)
   * @param maxMoves a game not ended by then is ended by two passes and counted as it stands
   */
  public record Settings(
      List<String> engine,
      int games,
      int size,
      Rules rules,
      int randomOpening,
      int gamesPerShard,
      int inFlight,
      int maxMoves,
      long seed) {
    public Settings {
      if (games < 1 || gamesPerShard < 1 || inFlight < 1 || randomOpening < 0 || maxMoves < 1) {
        throw new IllegalArgumentException(
            "games, games per shard, games in flight and moves must be at least 1, random"
                + " opening moves at least 0");
      }
    }
  }

  /** What was written: games kept, positions, shards, and games dropped with their reason. */
  public record Summary(int games, long positions, int shards, int dropped) {}

  private TeacherGames() {}

  /**
   * Plays the games and writes the shards into {@code out}; the engine's stderr goes to {@code
   * log}.
   */
  public static Summary play(Settings s, Path out, Path log, Consumer<String> progress)
      throws IOException, InterruptedException {
    Files.createDirectories(out);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger dropped = new AtomicInteger();
    List<GameRecord> pending = new ArrayList<>();
    int[] shards = {0};
    long[] positions = {0};
    int[] kept = {0};
    ExecutorService pool = Executors.newFixedThreadPool(s.inFlight());
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < s.inFlight(); t++) {
        workers.add(
            pool.submit(
                () -> {
                  try (GtpProcess engine = new GtpProcess("teacher", s.engine(), log)) {
                    for (int g; (g = next.getAndIncrement()) < s.games(); ) {
                      GameRecord record =
                          playOne(engine, s, new SplittableRandom(s.seed() * 1_000_003L + g));
                      if (record == null) {
                        dropped.incrementAndGet();
                        continue;
                      }
                      synchronized (pending) {
                        pending.add(record);
                        kept[0]++;
                        positions[0] += record.positions().size();
                        if (pending.size() == s.gamesPerShard()) {
                          write(pending, out, shards[0]++);
                          pending.clear();
                        }
                        if (kept[0] % 100 == 0) {
                          progress.accept(
                              String.format(
                                  Locale.ROOT,
                                  "%d/%d games, %d positions",
                                  kept[0],
                                  s.games(),
                                  positions[0]));
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<Void> f : workers) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IOException("a teacher game failed: " + e.getCause().getMessage(), e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (!pending.isEmpty()) {
      write(pending, out, shards[0]++);
    }
    return new Summary(kept[0], positions[0], shards[0], dropped.get());
  }

  /** One game, or null when the engine played a move these rules forbid (a superko difference). */
  static GameRecord playOne(GtpProcess engine, Settings s, SplittableRandom random)
      throws IOException {
    int size = s.size();
    engine.send("boardsize " + size);
    engine.send("clear_board");
    engine.send(String.format(Locale.ROOT, "komi %.1f", s.rules().komi()));
    Game game = new Game(size, s.rules());
    GameRecordBuilder builder = new GameRecordBuilder("teacher");
    int opening = random.nextInt(s.randomOpening() + 1);
    while (!game.isOver()) {
      Color mover = game.toMove();
      String colour = mover == Color.BLACK ? "black" : "white";
      Move move;
      boolean target;
      if (game.moveCount() < opening) {
        move = randomPoint(game, random);
        engine.send("play " + colour + " " + move.toGtp(size));
        target = false;
      } else if (game.moveCount() >= s.maxMoves()) {
        move = Move.PASS;
        engine.send("play " + colour + " pass");
        target = false;
      } else {
        String answer = engine.send("genmove " + colour).strip();
        if (answer.equalsIgnoreCase("resign")) {
          game.resign(mover);
          break;
        }
        move = Move.parseGtp(answer, size);
        target = true;
      }
      if (!game.legality(move).isLegal()) {
        return null;
      }
      float[] policy = new float[size * size + 1];
      policy[move.index(size)] = 1f;
      builder.record(game, policy, target);
      game.play(move);
    }
    return builder.build(game);
  }

  private static Move randomPoint(Game game, SplittableRandom random) {
    int size = game.size();
    for (int tries = 0; tries < 1000; tries++) {
      Move m = Move.of(random.nextInt(size), random.nextInt(size));
      if (game.legality(m).isLegal()) {
        return m;
      }
    }
    return Move.PASS;
  }

  private static void write(List<GameRecord> games, Path out, int index) throws IOException {
    byte[] npz = TrainingShard.of(games, "teacher", "teacher").toNpz();
    Path tmp = out.resolve(String.format(Locale.ROOT, ".games_%05d.npz.tmp", index));
    Files.write(tmp, npz);
    Files.move(
        tmp,
        out.resolve(String.format(Locale.ROOT, "games_%05d.npz", index)),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
