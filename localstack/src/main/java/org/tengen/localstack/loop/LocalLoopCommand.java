package org.tengen.localstack.loop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tengen.core.selfplay.SearchSettings;
import org.tengen.localstack.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tengen local}: the options of the local loop, read with picocli. */
@Command(
    name = "tengen local",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "The whole training loop on this machine: the local cloud (persisted in the data folder),"
          + " the functions, the workers (each a real contribute process over HTTP), and a trainer"
          + " that runs the training job whenever enough new positions have arrived. Candidates"
          + " are rated by the workers and released or rejected by the backend. A second run on"
          + " the same folder continues the first.",
      "",
      "While it runs: a status block every 5 s, the dashboard on the functions' port (its"
          + " key-bearing link in DIR/dashboard.url), DIR/networks.tsv. Afterwards:"
          + " ./tengen strength --data DIR plays the released networks against the first and"
          + " GNU Go.",
      ""
    })
final class LocalLoopCommand implements Callable<Integer> {

  @Option(names = "--root", hidden = true, defaultValue = ".", description = "the repository")
  Path root;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "tengen-data/local",
      description =
          "the folder with all state (default: ${DEFAULT-VALUE}); a second run continues it")
  Path data;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "contribute processes (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "9",
      description = "the run's board: 9, 13 or 19 (default: ${DEFAULT-VALUE})")
  int size;

  @Option(
      names = "--net",
      paramLabel = "NET",
      defaultValue = "b2c32",
      description =
          "the first network's architecture, b{blocks}c{channels} (default: ${DEFAULT-VALUE})")
  String net;

  @Option(
      names = "--visits",
      paramLabel = "N",
      defaultValue = "32",
      description = "self-play visits per move (default: ${DEFAULT-VALUE})")
  int visits;

  @Option(
      names = "--games-per-batch",
      paramLabel = "N",
      defaultValue = "32",
      description = "games a worker plays at once and uploads together (default: ${DEFAULT-VALUE})")
  int gamesPerBatch;

  @Option(
      names = "--train-every",
      paramLabel = "N",
      defaultValue = "6000",
      description = "new positions that start a training job (default: ${DEFAULT-VALUE})")
  long trainEvery;

  @Option(
      names = "--train-steps",
      paramLabel = "N",
      defaultValue = "0",
      description = "steps of each training job; 0 (the default): from --samples-per-position")
  int trainSteps;

  @Option(
      names = "--samples-per-position",
      paramLabel = "R",
      defaultValue = "8",
      description =
          "samples trained for each new position (KataGo: 4 to 8), at batch 64"
              + " (default: ${DEFAULT-VALUE})")
  double samplesPerPosition;

  @Option(
      names = "--max-train-steps",
      paramLabel = "N",
      defaultValue = "1500",
      description =
          "the most steps of one job, so that new networks keep coming when self-play outruns the"
              + " trainer (default: ${DEFAULT-VALUE}, about 5 minutes on 2 busy cores)")
  int maxTrainSteps;

  @Option(
      names = "--pace",
      paramLabel = "on|off",
      defaultValue = "off",
      description =
          "on: pause the workers while a training job runs once the positions it will not train"
              + " would need a longer job than --max-train-steps to get --samples-per-position"
              + " samples each, so that the ratio holds on a machine whose self-play outruns its"
              + " trainer (default: ${DEFAULT-VALUE})")
  String pace;

  @Option(
      names = "--ema-decay",
      paramLabel = "D",
      defaultValue = "0",
      description =
          "when above 0, each job exports this exponential average of its weights per step (e.g."
              + " 0.999), carried from job to job (default: ${DEFAULT-VALUE}, off: 0.999 gained"
              + " nothing in 30 minutes, docs/results.md)")
  double emaDecay;

  @Option(
      names = "--warmup-steps",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "the learning rate rises over the run's first N optimizer steps (default:"
              + " ${DEFAULT-VALUE}, none: 3000 gained nothing against GNU Go in 30 minutes, nor"
              + " did a decay, --train lr_halving_steps=15000; docs/results.md)")
  int warmupSteps;

  @Option(
      names = "--policy-surprise",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "the share of each position's policy weight given by how much the search surprised the"
              + " network (KataGo's policy surprise weighting; default: ${DEFAULT-VALUE}, off: 0.5"
              + " gained nothing in 30 minutes, docs/results.md)")
  double policySurprise;

  @Option(
      names = "--rating-games",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "games a candidate plays against the current network before the +20 Elo rule releases"
              + " or rejects it (default: ${DEFAULT-VALUE})")
  int ratingGames;

  @Option(
      names = "--gate",
      paramLabel = "RULE",
      defaultValue = "always",
      description =
          "seed: a candidate is released above +20 Elo after its rating games; always: released"
              + " after them whatever they say (KataGo's runs without a gatekeeper); notworse:"
              + " released unless they show it worse (its Elo's 95%% interval below 0). Set when the"
              + " run is created (default: ${DEFAULT-VALUE})")
  String gate;

  @Option(
      names = "--variety",
      paramLabel = "V",
      defaultValue = "katago",
      description =
          "how self-play games vary: none, katago (komi drawn around the run's, now and then far;"
              + " every game opens with about points/25 moves from the network's policy), or five numbers"
              + " (komi sd, big-komi share, big komi sd, opening share, opening moves mean) and"
              + " optionally a sixth (the share of games under another rules preset). Set when the"
              + " run is created (default: ${DEFAULT-VALUE}, since 2026-12-04 with the Gumbel root:"
              + " docs/results.md)")
  String variety;

  @Option(
      names = "--search",
      paramLabel = "S",
      defaultValue = DEFAULT_SEARCH,
      description =
          "self-play search techniques: katago (PUCT's root, forced playouts k=2 with policy"
              + " target pruning, score utility 0.3, 3 moves in 4 searched cheaply, the seed's"
              + " temperature 1 for the first moves (sampled=auto: 8 on 9x9 as measured, 30 on"
              + " 19x19), and no player fills its own eye-like points) or pairs changing the"
              + " default (so utility=0 keeps Gumbel's root; gumbel=0 is PUCT's), e.g."
              + " forced=0,utility=0,cheap=0, eyes=0, sampled=30 (the seed's 30 on any board) or"
              + " temperature=0.75 (KataGo's: every move sampled, from 0.75 decaying to 0.15),"
              + " gumbel=16 (Gumbel AlphaZero's root: sequential halving over 16 moves, the"
              + " improved policy as the target), noise=all (root noise in every full search,"
              + " not the seed's first 30 moves), resign=0 (no resignation: decided games are"
              + " played out with cheap searches and counted, as KataGo's), rootpolicy=1.25"
              + " (KataGo's root policy temperature) or rootfpu=0 (no first-play reduction at the"
              + " root, as KataGo's self-play). Set when the run is created (default:"
              + " ${DEFAULT-VALUE}, katago with Gumbel's root, which measured far stronger at 32"
              + " visits than PUCT's on 2026-12-04: docs/results.md)")
  String search;

  @Option(
      names = "--curriculum",
      paramLabel = "STAGES",
      description =
          "board sizes and visits by training step instead of --size and --visits, e.g."
              + " 3000:7:32,*:9:32 (7x7 for the first 3,000 steps, then 9x9), or *:9/7:32 (self-play"
              + " on 9x9 and 7x7 alike, rating games on 9x9). Set when the run is created")
  String curriculum;

  @Option(
      names = "--train",
      paramLabel = "KEY=VALUE",
      description =
          "a training hyperparameter for every job, e.g. loss=katago or"
              + " opponent_policy_weight=0 (repeatable; keys: loss, opponent_policy_weight,"
              + " learning_rate, lr_halving_steps, window_rows, window, holdout_percent,"
              + " carry_optimizer, device)")
  Map<String, String> training = new java.util.LinkedHashMap<>();

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      defaultValue = "30m",
      description = "90s, 30m, 2h (default: ${DEFAULT-VALUE}); Ctrl-C stops earlier, cleanly")
  String duration;

  /** The checked options; IllegalArgumentException names what is wrong. */
  LoopOptions options() {
    return new LoopOptions(
        root.toAbsolutePath(),
        data.toAbsolutePath(),
        workers,
        size,
        net,
        visits,
        gamesPerBatch,
        trainEvery,
        trainSteps,
        samplesPerPosition,
        maxTrainSteps,
        onOff("--pace", pace),
        emaDecay,
        warmupSteps,
        policySurprise,
        training,
        ratingGames,
        gate,
        variety,
        runSearch(search),
        curriculum,
        LoopOptions.duration(duration));
  }

  /** The loop's self-play search: Gumbel's root over KataGo's techniques (docs/results.md). */
  static final String DEFAULT_SEARCH = "gumbel=16";

  /**
   * The run's search for {@code --search}: {@code katago} as it is, pairs over the loop's default,
   * so that switching one technique off does not also switch the default root off.
   */
  static String runSearch(String given) {
    String t = given.strip().toLowerCase(Locale.ROOT);
    if (t.equals("katago") || t.equals(DEFAULT_SEARCH)) {
      return t;
    }
    try {
      return SearchSettings.parse(DEFAULT_SEARCH).with(t).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--search: " + e.getMessage(), e);
    }
  }

  private static boolean onOff(String option, String value) {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(option + " is on or off, not '" + value + "'");
    };
  }

  @Override
  public Integer call() throws Exception {
    return new LocalLoop(options()).run();
  }

  /** The command line, with errors in options answered by their message and exit code 2. */
  static CommandLine commandLine() {
    return Cli.commandLine("tengen local", new LocalLoopCommand());
  }

  /** Parses {@code args} into checked options, as {@code main} would run them. */
  static LoopOptions parse(String... args) {
    CommandLine cl = new CommandLine(new LocalLoopCommand());
    try {
      cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return ((LocalLoopCommand) cl.getCommand()).options();
  }

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen local", new LocalLoopCommand(), args));
  }
}
