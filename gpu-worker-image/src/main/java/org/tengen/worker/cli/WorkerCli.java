package org.tengen.worker.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.rating.Elo;
import org.tengen.core.rating.EloEstimate;
import org.tengen.core.rating.MatchScore;
import org.tengen.core.record.WireFormat;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.eval.EvaluationCache;
import org.tengen.network.eval.SelfTest;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;
import org.tengen.network.model.Precision;
import org.tengen.network.vector.EngineChoice;
import org.tengen.worker.match.Match;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.selfplay.SelfPlay;
import org.tengen.worker.selfplay.SelfPlayRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The worker's commands. */
@Command(
    name = "tengen-worker",
    mixinStandardHelpOptions = true,
    version = "tengen-worker 0.1.0",
    description = "Self-play, rating games and benchmarks with a Tengen network.",
    subcommands = {
      WorkerCli.InitNetwork.class,
      WorkerCli.SelfPlayCommand.class,
      WorkerCli.MatchCommand.class,
      ContributeCommand.class,
      GtpCommand.class,
      AnalysisCommand.class,
      StrengthCommand.class,
      TeacherGamesCommand.class,
      CountCheckCommand.class,
      NetworkBenchmark.class
    })
public final class WorkerCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with its error handling: a failure prints one line naming the problem (the
   * stack trace only with {@code TENGEN_DEBUG} set) and exits with 1.
   */
  static CommandLine commandLine() {
    return new CommandLine(new WorkerCli())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              String what = e.getMessage() != null ? e.getMessage() : e.toString();
              if (e instanceof java.nio.file.NoSuchFileException) {
                what = "no such file: " + e.getMessage();
              }
              cmd.getErr().println("tengen-worker " + cmd.getCommandName() + ": " + what);
              if (System.getenv("TENGEN_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
              }
              return 1;
            });
  }

  /** The device: auto (a GPU when libtorch has CUDA), cpu, gpu or gpu(N); see DeviceChoice. */
  static Device device(String requested) {
    return org.tengen.network.device.DeviceChoice.of(requested).device();
  }

  /** Loads a network and runs the numerical self-test; refuses a network that fails it. */
  public static Network load(Path file, String sha256, String device) throws IOException {
    return load(file, sha256, device, "auto");
  }

  /**
   * A network file loaded on a device and converted to a precision ({@link Precision#of}: auto is
   * FP16 on a GPU), then self-tested against the FP32 answers stored in the file.
   */
  public static Network load(Path file, String sha256, String device, String precision)
      throws IOException {
    Network loaded = NetworkFile.load(file, sha256, device(device));
    Network net;
    try {
      net = inPrecision(loaded, precision);
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot evaluate " + file.getFileName() + " in " + precision + " on " + device + ": " + e,
          e);
    }
    SelfTest.Result test = SelfTest.run(net);
    if (!test.passed()) {
      net.close();
      throw new IOException(
          "network self-test failed on "
              + net.device()
              + " in "
              + net.precision()
              + ": "
              + test.failure());
    }
    System.err.printf(
        Locale.ROOT,
        "loaded %s (%,d parameters) on %s in %s; self-test deviation %.1e, %s%n",
        net.name(),
        net.parameterCount(),
        net.device(),
        net.precision(),
        test.maxDeviation(),
        test.comparedWithReference()
            ? String.format(
                Locale.ROOT, "from its reference outputs %.1e", test.referenceDeviation())
            : "no reference outputs in the file (written before format 3)");
    return net;
  }

  /**
   * {@code network} in a precision setting ({@link Precision#of}): itself, or its converted copy
   * with {@code network} closed; closed too when the conversion fails.
   */
  static Network inPrecision(Network network, String precision) {
    try {
      Network net = network.inPrecision(Precision.of(precision, network.device()));
      if (net != network) {
        network.close();
      }
      return net;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  /**
   * {@code network} evaluated by an engine setting ({@link EngineChoice}), timed where it is auto
   * with batches of {@code batch} on a {@code boardSize} board; the choice is printed. The result
   * takes over {@code network}, which is closed when no engine can take it.
   */
  static Network onEngine(Network network, String engine, int boardSize, int batch)
      throws IOException {
    try {
      EngineChoice.Choice choice = EngineChoice.apply(network, engine, boardSize, batch, 0.3);
      System.err.println(network.name() + ": " + choice.reason());
      return choice.network();
    } catch (RuntimeException e) {
      network.close();
      throw new IOException(
          "cannot evaluate " + network.name() + " with engine " + engine + ": " + e.getMessage(),
          e);
    }
  }

  /** Options every command that runs a network shares. */
  static class NetworkOptions {
    @Option(
        names = "--device",
        description = "cpu, gpu, gpu(1) or auto (default: ${DEFAULT-VALUE})")
    String device = "auto";

    @Option(
        names = "--precision",
        description =
            "auto (FP16 on a GPU, FP32 on a CPU), fp32 or fp16; FP16 is self-tested against the"
                + " FP32 answers in the network file (default: ${DEFAULT-VALUE})")
    String precision = "auto";

    @Option(
        names = "--nn-engine",
        description =
            "auto (on a CPU in FP32 the faster of the two, timed on this machine), libtorch or java"
                + " (the Vector-API Winograd engine, CPU and FP32 only) (default: ${DEFAULT-VALUE})")
    String engine = "auto";

    @Option(
        names = "--nn-threads",
        description = "numNNServerThreadsPerModel (default: ${DEFAULT-VALUE})")
    int serverThreads = 1;

    @Option(names = "--batch", description = "nnMaxBatchSize (default: ${DEFAULT-VALUE})")
    int batch = 16;

    @Option(
        names = "--nn-cache",
        description =
            "nnCacheSizePowerOfTwo: the evaluation cache holds 2^N answers; 0 none (default:"
                + " ${DEFAULT-VALUE})")
    int cache = 14;

    /**
     * A network file loaded and self-tested ({@link WorkerCli#load}) on these options' device, in
     * their precision, then evaluated by their engine, chosen for boards of {@code boardSize}.
     */
    Network load(Path file, String sha256, int boardSize) throws IOException {
      return onEngine(WorkerCli.load(file, sha256, device, precision), engine, boardSize, batch);
    }

    /** The evaluator with the cache these options ask for. */
    BatchedEvaluator cached(BatchedEvaluator evaluator) {
      if (cache < 0 || cache > 24) {
        throw new IllegalArgumentException("--nn-cache: 0 (none) or 2 to 24, not " + cache);
      }
      return cache == 0 ? evaluator : evaluator.withCache(new EvaluationCache(cache));
    }
  }

  /** The command line split into words, its program checked to be an executable. */
  static List<String> engineCommand(String line, String what, String option) {
    List<String> command = List.of(line.trim().split("\\s+"));
    if (!Files.isExecutable(Path.of(command.get(0)))) {
      throw new IllegalArgumentException(
          what
              + " '"
              + command.get(0)
              + "' is not an executable (Debian: apt-get install gnugo; or give "
              + option
              + ")");
    }
    return command;
  }

  /** Board size, rules and komi: what every game-playing command takes. */
  static class GameOptions {
    @Option(names = "--size", description = "board size (default: ${DEFAULT-VALUE})")
    int size = 9;

    @Option(
        names = "--rules",
        description = "chinese, tromp-taylor, new-zealand (default: ${DEFAULT-VALUE})")
    String rules = "chinese";

    @Option(names = "--komi", description = "(default: ${DEFAULT-VALUE})")
    double komi = 7.5;

    Rules parsedRules() {
      return Rules.parse(rules).withKomi(komi);
    }
  }

  @Command(
      name = "init-network",
      mixinStandardHelpOptions = true,
      description =
          "Writes the first network of a new run: random trunk, uniform policy, even value.")
  static final class InitNetwork implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "e.g. kata1-b6c96-s0-d0")
    String name;

    @Option(names = "--out", required = true, description = "file to write (…/NAME.bin.gz)")
    Path out;

    @Option(names = "--seed", description = "initialisation seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() throws IOException {
      NetworkName networkName = NetworkName.parse(name);
      try (Network net = Network.initial(networkName, seed, Device.cpu())) {
        if (out.getParent() != null) {
          Files.createDirectories(out.getParent());
        }
        NetworkFile.save(net, out);
        byte[] bytes = Files.readAllBytes(out);
        System.out.printf(
            Locale.ROOT,
            "%s: %s, %,d parameters, %,d bytes, sha256 %s%n",
            out,
            networkName,
            net.parameterCount(),
            bytes.length,
            NetworkFile.sha256(bytes));
      }
      return 0;
    }
  }

  @Command(
      name = "selfplay",
      mixinStandardHelpOptions = true,
      description = "Plays self-play games into a folder of records (.json.gz) and SGF files.")
  static final class SelfPlayCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--sha256", description = "expected SHA-256 of the model file")
    String sha256;

    @Option(names = "--games", description = "(default: ${DEFAULT-VALUE})")
    int games = 8;

    @CommandLine.Mixin GameOptions game = new GameOptions();

    @Option(names = "--visits", description = "(default: ${DEFAULT-VALUE})")
    int visits = 800;

    @Option(names = "--in-flight", description = "games played at once (default: ${DEFAULT-VALUE})")
    int inFlight = 16;

    @Option(names = "--out", description = "(default: ${DEFAULT-VALUE})")
    Path out = Path.of("selfplay");

    @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
    long seed = System.nanoTime();

    @Option(
        names = "--progress",
        description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
    double progressSeconds = 10;

    @Option(
        names = "--variety",
        description =
            "none, katago, or five numbers: komi sd, big-komi share, big komi sd, opening share,"
                + " opening moves mean, and optionally a sixth, the share of games under another"
                + " rules preset (default: ${DEFAULT-VALUE})")
    String variety = "none";

    @CommandLine.Mixin NetworkOptions nn = new NetworkOptions();

    @Override
    public Integer call() throws Exception {
      SelfPlay.Settings settings =
          new SelfPlay.Settings(
              game.size,
              game.parsedRules(),
              SearchParams.selfPlay(visits),
              org.tengen.core.selfplay.Variety.parse(variety, game.size));
      Path records = out.resolve("records");
      Path sgf = out.resolve("sgf");
      Files.createDirectories(records);
      Files.createDirectories(sgf);
      int[] counter = {0};
      try (Network net = nn.load(model, sha256, game.size);
          BatchedEvaluator evaluator =
              nn.cached(new BatchedEvaluator(net, nn.batch, nn.serverThreads, true, seed))) {
        SelfPlayRunner.Progress done =
            SelfPlayRunner.run(
                settings,
                net.name().toString(),
                evaluator,
                inFlight,
                games,
                seed,
                record -> {
                  int n = ++counter[0];
                  try {
                    Files.write(
                        records.resolve(String.format(Locale.ROOT, "game_%05d.json.gz", n)),
                        WireFormat.toGzippedJson(record));
                    Files.writeString(
                        sgf.resolve(String.format(Locale.ROOT, "game_%05d.sgf", n)),
                        SgfWriter.write(SgfGame.of(record)));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                p -> System.err.println("selfplay: " + p),
                progressSeconds);
        System.out.println("selfplay done: " + done + "; records in " + records);
      }
      return 0;
    }
  }

  @Command(
      name = "match",
      mixinStandardHelpOptions = true,
      description = "Rating games between two networks; prints W/L/D and Elo of the candidate.")
  static final class MatchCommand implements Callable<Integer> {
    @Option(names = "--candidate", required = true)
    Path candidate;

    @Option(names = "--baseline", required = true)
    Path baseline;

    @Option(names = "--games", description = "(default: ${DEFAULT-VALUE})")
    int games = 20;

    @CommandLine.Mixin GameOptions game = new GameOptions();

    @Option(names = "--visits", description = "(default: ${DEFAULT-VALUE})")
    int visits = 100;

    @Option(names = "--in-flight", description = "(default: ${DEFAULT-VALUE})")
    int inFlight = 8;

    @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
    long seed = System.nanoTime();

    @CommandLine.Mixin NetworkOptions nn = new NetworkOptions();

    @Override
    public Integer call() throws Exception {
      try (Network c = nn.load(candidate, null, game.size);
          Network b = nn.load(baseline, null, game.size);
          BatchedEvaluator ce = new BatchedEvaluator(c, nn.batch, nn.serverThreads, true, seed);
          BatchedEvaluator be =
              new BatchedEvaluator(b, nn.batch, nn.serverThreads, true, seed + 1)) {
        MatchScore score =
            Match.play(
                ce,
                be,
                games,
                game.size,
                game.parsedRules(),
                SearchParams.rating(visits),
                inFlight,
                seed);
        EloEstimate elo = Elo.estimate(score);
        System.out.printf(
            Locale.ROOT,
            "%s vs %s: %d wins, %d losses, %d draws; Elo %+.1f (95%% %+.1f .. %+.1f)%n",
            c.name(),
            b.name(),
            score.wins(),
            score.losses(),
            score.draws(),
            elo.elo(),
            elo.lower(),
            elo.upper());
      }
      return 0;
    }
  }

  static List<Integer> parseList(String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add(Integer.parseInt(part.trim()));
    }
    return out;
  }
}
