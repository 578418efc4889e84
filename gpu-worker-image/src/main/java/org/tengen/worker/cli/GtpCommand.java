package org.tengen.worker.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.gtp.GtpEngine;
import org.tengen.worker.gtp.GtpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gtp -model FILE}: the network as a GTP engine for Go GUIs and referees. */
@Command(
    name = "gtp",
    mixinStandardHelpOptions = true,
    description = "Plays Go through the Go Text Protocol (v2) on standard input and output.")
final class GtpCommand implements Callable<Integer> {

  @Option(
      names = {"-model", "--model"},
      required = true)
  Path model;

  @Option(names = "--visits", description = "visits per move at most (default: ${DEFAULT-VALUE})")
  int visits = 400;

  @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
  long seed = System.nanoTime();

  @Option(
      names = "--resign-winrate",
      description =
          "genmove resigns when its winrate stays below this on two moves in a row; 0 never"
              + " (default: ${DEFAULT-VALUE})")
  double resignWinrate = 0.05;

  @Option(
      names = "--analysis-visits",
      description =
          "the most visits one lz-analyze or kata-analyze searches before it waits"
              + " (default: ${DEFAULT-VALUE})")
  int analysisVisits = 100_000;

  @CommandLine.Mixin WorkerCli.GameOptions game = new WorkerCli.GameOptions();

  @CommandLine.Mixin WorkerCli.NetworkOptions nn = new WorkerCli.NetworkOptions();

  @Override
  public Integer call() throws Exception {
    GtpSettings settings;
    try {
      settings = new GtpSettings(visits, resignWinrate, analysisVisits, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("gtp: " + e.getMessage(), e);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (Network net = nn.load(model, null, 19);
        BatchedEvaluator evaluator = nn.cached(new BatchedEvaluator(net, 1, 1, true, seed))) {
      GtpEngine engine = new GtpEngine(() -> evaluator, game.parsedRules(), settings);
      System.err.println("gtp: ready (" + net.name() + ", up to " + visits + " visits a move)");
      engine.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
    }
    return 0;
  }
}
