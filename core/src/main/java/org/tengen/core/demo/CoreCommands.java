package org.tengen.core.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.PlayoutBenchmark;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.BatchValidator;
import org.tengen.core.record.Expectations;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.RandomGames;
import org.tengen.core.record.Validation;
import org.tengen.core.record.ValidationBenchmark;
import org.tengen.core.record.ValidationLimits;
import org.tengen.core.record.WireFormat;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.core.shard.TrainingShard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands of the {@code tengen} launcher that the core alone can run: {@code demo} walks one
 * batch through the data path every worker upload takes, with random players instead of a network,
 * and {@code benchmark} measures the rules engine and validation.
 */
@Command(
    name = "tengen",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    subcommands = {CoreCommands.Demo.class, CoreCommands.Benchmark.class, HelpCommand.class},
    description =
        "Trains a Go network from distributed self-play; ./tengen COMMAND --help for each.",
    footer = {
      "",
      "The launcher's other commands:",
      "  local      the whole training loop on this machine (local cloud, functions, workers,"
          + " training)",
      "  worker     the worker: contribute, gtp, init-network, selfplay, match, benchmark, strength",
      "  strength   released networks against the first and GNU Go: --data DIR of tengen local",
      "  gpu-setup  once on an NVIDIA machine: CUDA libtorch for the worker outside Docker",
      "  train      the training job on a local folder in SageMaker's /opt/ml layout",
      "  backend    the local cloud and the functions on http://localhost:8080, with fresh keys",
      "  admin      the operator's functions: create-run, create-contributor, disable-contributor,"
          + " disable-network, decide, stats",
      "  cloud      the local cloud (DynamoDB Local and S3Proxy) for manual use",
      "  load       simulated workers against the functions, then a consistency check",
      "  benchmark backend   the functions' start, throughput and latency",
      "  lambda     functions/target/function.zip, the functions as one AWS Lambda",
      "  test       the test suite (installs GNU Go and Chromium for their tests if it can)",
      "  fuzz       each Jazzer target fuzzed for 5 minutes"
    })
public final class CoreCommands implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    CommandLine cl =
        new CommandLine(new CoreCommands())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  if (e instanceof IllegalArgumentException) {
                    cmd.getErr().println("tengen " + cmd.getCommandName() + ": " + e.getMessage());
                    return 2;
                  }
                  throw e;
                });
    System.exit(cl.execute(args));
  }

  @Command(
      name = "benchmark",
      mixinStandardHelpOptions = true,
      description =
          "Random playouts per second (board, rules, chinese layers; 9x9 and 19x19) and the time"
              + " to validate a 250-position 19x19 game.")
  static final class Benchmark implements Runnable {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "WHAT",
        description = "playouts, validation or all (default: ${DEFAULT-VALUE})")
    String what = "all";

    @Parameters(index = "1..*", paramLabel = "ARG", description = "[rounds] [seconds]")
    List<String> rest = new ArrayList<>();

    @Override
    public void run() {
      if (!List.of("playouts", "validation", "all").contains(what)) {
        throw new IllegalArgumentException("unknown benchmark '" + what + "'");
      }
      String[] tail = rest.toArray(String[]::new);
      if (what.equals("playouts") || what.equals("all")) {
        PlayoutBenchmark.main(tail);
      }
      if (what.equals("validation") || what.equals("all")) {
        ValidationBenchmark.main(tail);
      }
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Plays self-play games with random players (no network), builds the upload batch a"
              + " worker would send, validates it as the backend does (full replay), writes the"
              + " accepted games as a NumPy training shard and as SGF files, and prints the last"
              + " game.")
  static final class Demo implements Callable<Integer> {
    @Option(
        names = "--size",
        paramLabel = "N",
        description = "the board size (default: ${DEFAULT-VALUE})")
    int size = 9;

    @Option(names = "--games", paramLabel = "N", description = "1..64 (default: ${DEFAULT-VALUE})")
    int games = 4;

    @Option(
        names = "--rules",
        paramLabel = "NAME",
        description = "chinese, tromp-taylor, new-zealand, ... (default: ${DEFAULT-VALUE})")
    String rules = "chinese";

    @Option(names = "--seed", paramLabel = "N", description = "(default: the clock)")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "(default: ${DEFAULT-VALUE})")
    Path out = Path.of("tengen-data", "demo");

    @Override
    public Integer call() throws IOException {
      return demo(size, games, seed == null ? System.nanoTime() : seed, rules, out);
    }
  }

  static int demo(int size, int games, long seed, String rulesName, Path out) throws IOException {
    Rules rules = Rules.parse(rulesName);
    new Board(size); // refuses a size it cannot play
    if (games < 1 || games > 64) {
      throw new IllegalArgumentException("--games must be 1..64");
    }
    NetworkName network = new NetworkName("demo", 1, 1, "", 0, 0);
    SplittableRandom random = new SplittableRandom(seed);
    List<GameRecord> records = new ArrayList<>();
    Game last = null;
    long start = System.nanoTime();
    for (int g = 0; g < games; g++) {
      RandomGames.Played played = RandomGames.record(size, rules, network.toString(), random);
      Game game = played.game();
      records.add(played.record());
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
}
