package org.tengen.worker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tengen.core.network.NetworkName;
import org.tengen.core.rating.MatchScore;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.strength.Strength;
import org.tengen.worker.strength.StrengthReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "strength",
    mixinStandardHelpOptions = true,
    description = {
      "What a run's networks are worth: each against the run's first network and against GNU Go,"
          + " colours alternating; writes strength.md, strength.csv and strength.svg.",
      "Example: strength --games 40 --out results first.bin.gz second.bin.gz third.bin.gz",
      "To place the reference, another engine instead of networks: strength --engine"
          + " '"
          + GnuGo.LEVEL_1
          + "' --engine-name 'GNU Go level 1' --reference '"
          + GnuGo.LEVEL_10
          + "'"
          + " --reference-name 'GNU Go level 10'"
    })
final class StrengthCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..*",
      paramLabel = "NETWORK",
      description = "network files in order, the run's first network first")
  List<Path> networks;

  @Option(names = "--games", description = "games per pairing (default: ${DEFAULT-VALUE})")
  int games = 20;

  @Option(names = "--visits", description = "visits per move (default: ${DEFAULT-VALUE})")
  int visits = 32;

  @Option(names = "--in-flight", description = "games at once (default: ${DEFAULT-VALUE})")
  int inFlight = 4;

  @Option(
      names = "--reference",
      description = "the reference GTP engine's command (default: ${DEFAULT-VALUE})")
  String reference = GnuGo.LEVEL_1;

  @Option(
      names = "--reference-name",
      description = "its name in the report (default: ${DEFAULT-VALUE})")
  String referenceName = "GNU Go level 1";

  @Option(
      names = "--engine",
      description = "a GTP engine's command measured against the reference instead of networks")
  String engine;

  @Option(names = "--engine-name", description = "its name in the report (default: the command)")
  String engineName;

  @Option(
      names = "--at",
      paramLabel = "NETWORK=MINUTES",
      description = "when the run made a network, in minutes (tengen strength fills these in)")
  Map<String, Double> at = new LinkedHashMap<>();

  @Option(names = "--out", description = "report folder (default: ${DEFAULT-VALUE})")
  Path out = Path.of("strength");

  @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
  long seed = 1;

  @CommandLine.Mixin WorkerCli.GameOptions game = new WorkerCli.GameOptions();

  @CommandLine.Mixin WorkerCli.NetworkOptions nn = new WorkerCli.NetworkOptions();

  private Strength.Settings settings(List<String> reference) {
    return new Strength.Settings(
        game.size,
        game.parsedRules(),
        games,
        visits,
        inFlight,
        reference,
        referenceName,
        out.resolve("reference-engine.log"),
        out.resolve("games"));
  }

  /** One row: the engine's score against the reference. */
  private int engineVersusReference(List<String> command, List<String> reference) throws Exception {
    Files.createDirectories(out);
    String name = engineName == null ? engine : engineName;
    long started = System.nanoTime();
    Strength strength = new Strength(settings(reference), System.out::println);
    Strength.Row row =
        Strength.row(name, 0, null, strength.engineVersusReference(command, name, seed));
    String about =
        String.format(
            Locale.ROOT,
            "%s against %s: %d games on %dx%d (%s, komi %.1f), colours alternating; %s's own"
                + " final_score referees (dead stones removed). %.0f minutes.",
            name,
            referenceName,
            games,
            game.size,
            game.size,
            game.rules,
            game.komi,
            referenceName,
            (System.nanoTime() - started) / 60e9);
    StrengthReport.write(out, List.of(row), referenceName, about);
    System.out.print(StrengthReport.markdown(List.of(row), referenceName, about));
    return 0;
  }

  @Override
  public Integer call() throws Exception {
    if (games < 2 || visits < 1 || inFlight < 1) {
      throw new IllegalArgumentException("--games must be at least 2, --visits and --in-flight 1");
    }
    List<String> command =
        WorkerCli.engineCommand(reference, "the reference engine", "--reference");
    if ((engine == null) == (networks == null || networks.isEmpty())) {
      throw new IllegalArgumentException("give network files or --engine, one of the two");
    }
    if (engine != null) {
      return engineVersusReference(
          WorkerCli.engineCommand(engine, "the engine", "--engine"), command);
    }
    for (Path p : networks) {
      NetworkName.parse(p.getFileName().toString().replace(NetworkName.EXTENSION, ""));
    }
    Files.createDirectories(out);
    Strength strength = new Strength(settings(command), System.out::println);
    List<Strength.Row> rows = new ArrayList<>();
    long started = System.nanoTime();
    try (Network first = nn.load(networks.get(0), null, game.size);
        BatchedEvaluator firstEval =
            new BatchedEvaluator(first, nn.batch, nn.serverThreads, true, seed)) {
      for (int i = 0; i < networks.size(); i++) {
        MatchScore vsFirst = null;
        Strength.ReferenceScore vsReference;
        String name;
        long samples;
        if (i == 0) {
          name = first.name().toString();
          samples = first.name().samples();
          vsReference = strength.versusReference(firstEval, name, seed);
        } else {
          try (Network net = nn.load(networks.get(i), null, game.size);
              BatchedEvaluator eval =
                  new BatchedEvaluator(net, nn.batch, nn.serverThreads, true, seed + i)) {
            name = net.name().toString();
            samples = net.name().samples();
            vsFirst = strength.versusFirst(eval, firstEval, seed + 1000L * i);
            System.out.printf(
                Locale.ROOT,
                "  %s vs the first network: %d/%d/%d%n",
                name,
                vsFirst.wins(),
                vsFirst.losses(),
                vsFirst.draws());
            vsReference = strength.versusReference(eval, name, seed + 1000L * i + 1);
          }
        }
        Strength.Row row =
            Strength.row(name, samples, vsFirst, vsReference).withMinutes(at.get(name));
        rows.add(row);
        System.out.printf(
            Locale.ROOT,
            "%s: vs the first %s, vs %s Elo %s (%d/%d/%d, mean margin %+.1f)%n",
            name,
            row.eloVsFirst() == null
                ? "(it is the first)"
                : "Elo " + StrengthReport.elo(row.eloVsFirst()),
            referenceName,
            StrengthReport.elo(row.eloVsReference()),
            row.vsReference().wins(),
            row.vsReference().losses(),
            row.vsReference().draws(),
            row.meanMargin());
      }
    }
    String about =
        String.format(
            Locale.ROOT,
            "%d games per pairing on %dx%d (%s, komi %.1f), %d visits per move, colours"
                + " alternating; %s's own final_score referees its games (dead stones removed)."
                + " %.0f minutes.",
            games,
            game.size,
            game.size,
            game.rules,
            game.komi,
            visits,
            referenceName,
            (System.nanoTime() - started) / 60e9);
    StrengthReport.write(out, rows, referenceName, about);
    System.out.println();
    System.out.print(StrengthReport.markdown(rows, referenceName, about));
    System.out.println("written: " + out.resolve("strength.md") + ", strength.csv, strength.svg");
    return 0;
  }
}
