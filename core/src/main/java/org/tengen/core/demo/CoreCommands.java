package org.tengen.core.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.PlayoutBenchmark;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.BatchValidator;
import org.tengen.core.record.Expectations;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.record.Validation;
import org.tengen.core.record.ValidationBenchmark;
import org.tengen.core.record.ValidationLimits;
import org.tengen.core.record.WireFormat;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.core.shard.TrainingShard;

/**
 * The commands of the {@code tengen} launcher that the core alone can run: {@code demo} and {@code
 * benchmark}. Until the local training loop exists, {@code demo} walks one batch through the data
 * path every worker upload takes, with random players instead of a network.
 */
public final class CoreCommands {

  private CoreCommands() {}

  static final String USAGE =
      """
      usage: tengen <command> [options]

        demo [--size N] [--games N] [--rules NAME] [--seed N] [--out DIR]
            Plays self-play games with random players (no network yet), builds the
            upload batch a worker would send, validates it as the backend will
            (full replay), writes the accepted games as a NumPy training shard and
            as SGF files, and prints the last game. Default: 4 games of 9x9 under
            chinese rules into tengen-data/demo.
        benchmark [playouts|validation] [rounds] [seconds]
            Random playouts per second (board, rules, chinese layers; 9x9 and 19x19)
            and the time to validate a 250-position 19x19 game.
      """;

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.print(USAGE);
      return;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo" -> System.exit(demo(rest));
      case "benchmark" -> benchmark(rest);
      default -> {
        System.err.println("tengen: unknown command '" + args[0] + "'\n");
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  private static void benchmark(String[] args) {
    String what = args.length > 0 ? args[0] : "all";
    String[] tail =
        args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0];
    if (what.equals("playouts") || what.equals("all")) {
      PlayoutBenchmark.main(tail);
    }
    if (what.equals("validation") || what.equals("all")) {
      ValidationBenchmark.main(tail);
    }
    if (!List.of("playouts", "validation", "all").contains(what)) {
      System.err.println("tengen benchmark: unknown benchmark '" + what + "'");
      System.exit(2);
    }
  }

  static int demo(String[] args) throws IOException {
    int size = 9;
    int games = 4;
    long seed = System.nanoTime();
    String rulesName = "chinese";
    Path out = Path.of("tengen-data", "demo");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      try {
        switch (args[i]) {
          case "--size" -> size = Integer.parseInt(require(args[i], value));
          case "--games" -> games = Integer.parseInt(require(args[i], value));
          case "--seed" -> seed = Long.parseLong(require(args[i], value));
          case "--rules" -> rulesName = require(args[i], value);
          case "--out" -> out = Path.of(require(args[i], value));
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      } catch (NumberFormatException e) {
        System.err.println("tengen demo: " + args[i] + " needs a number, not '" + value + "'");
        return 2;
      } catch (IllegalArgumentException e) {
        System.err.println("tengen demo: " + e.getMessage());
        return 2;
      }
      i++;
    }
    Rules rules;
    try {
      rules = Rules.parse(rulesName);
      new Board(size);
    } catch (IllegalArgumentException e) {
      System.err.println("tengen demo: " + e.getMessage());
      return 2;
    }
    if (games < 1 || games > 64) {
      System.err.println("tengen demo: --games must be 1..64");
      return 2;
    }
    NetworkName network = new NetworkName("demo", 1, 1, "", 0, 0);
    SplittableRandom random = new SplittableRandom(seed);
    List<GameRecord> records = new ArrayList<>();
    Game last = null;
    long start = System.nanoTime();
    for (int g = 0; g < games; g++) {
      Game game = new Game(size, rules);
      GameRecordBuilder builder = new GameRecordBuilder(network.toString());
      int[] scratch = new int[size * size];
      while (!game.isOver()) {
        if (game.moveCount() >= 3 * size * size) {
          game.resign(game.toMove()); // a random game that will not end: stop it honestly
          break;
        }
        float[] policy = new float[size * size + 1];
        int loc = Playout.randomMove(game, random, scratch);
        policy[loc == Board.NONE ? size * size : game.board().pointIndex(loc)] = 1;
        builder.record(game, policy);
        game.playAssumeLegal(loc);
      }
      records.add(builder.build(game));
      System.out.printf(
          Locale.ROOT, "game %d: %d moves, %s%n", g + 1, game.moveCount(), game.result());
      last = game;
    }
    GameBatch batch = new GameBatch(1, "demo", network.toString(), records);
    byte[] upload = WireFormat.toGzippedJson(batch);
    ValidationLimits limits =
        ValidationLimits.defaults()
            .withBoardSizes(java.util.Set.of(size))
            .withPositions(1, 3 * size * size);
    Validation verdict =
        new BatchValidator(limits)
            .validateGzip(upload, new Expectations("demo", network.toString()));
    Files.createDirectories(out);
    if (verdict instanceof Validation.Rejected rejected) {
      System.out.println("upload rejected:");
      rejected.reasons().forEach(r -> System.out.println("  " + r));
      return 1;
    }
    Validation.Accepted accepted = (Validation.Accepted) verdict;
    TrainingShard shard = TrainingShard.of(accepted.batch().games(), "demo", network.toString());
    Path shardFile = out.resolve("games_00001.npz");
    Files.write(shardFile, shard.toNpz());
    for (int g = 0; g < records.size(); g++) {
      Files.writeString(
          out.resolve("game_" + (g + 1) + ".sgf"), SgfWriter.write(SgfGame.of(records.get(g))));
    }
    System.out.printf(
        Locale.ROOT,
        "upload of %d games (%d KB gzipped) accepted after full replay; %d positions written to %s%n",
        games,
        upload.length / 1024,
        shard.rows(),
        shardFile);
    System.out.printf(
        Locale.ROOT, "SGF files in %s; %.1f s in all%n", out, (System.nanoTime() - start) / 1e9);
    System.out.println("\nlast game, final position (" + last.result() + "):");
    System.out.print(last.board());
    return 0;
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
