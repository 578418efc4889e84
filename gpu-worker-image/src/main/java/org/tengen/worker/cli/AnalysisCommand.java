package org.tengen.worker.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.analysis.AnalysisEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analysis -model FILE [-config FILE]}: the network behind a JSON analysis engine in
 * KataGo's protocol, for tools written for {@code katago analysis}. Of a KataGo config file it
 * reads {@code maxVisits} and {@code reportAnalysisWinratesAs}, and says which other keys it leaves
 * alone.
 */
@Command(
    name = "analysis",
    mixinStandardHelpOptions = true,
    description =
        "A JSON analysis engine in KataGo's protocol: one query per line on standard input, one"
            + " answer per analysed turn on standard output.")
final class AnalysisCommand implements Callable<Integer> {

  @Option(
      names = {"-model", "--model"},
      required = true)
  Path model;

  @Option(
      names = {"-config", "--config"},
      description = "a KataGo analysis config: maxVisits and reportAnalysisWinratesAs are read")
  Path config;

  @Option(
      names = {"-override-config", "--override-config"},
      description = "key=value[,key=value...] over the config file's")
  String overrides;

  @Option(
      names = {"-analysis-threads", "--analysis-threads"},
      description = "accepted for KataGo's command lines; positions are analysed one at a time")
  int analysisThreads = 1;

  @Option(
      names = "--visits",
      description = "visits per position when neither query nor config says (default: 500)")
  Integer visits;

  @Option(
      names = "--report-as",
      description = "BLACK, WHITE or SIDETOMOVE: whose view the values take (default: BLACK)")
  String reportAs;

  @Option(names = "--seed", description = "(default: the clock)")
  long seed = System.nanoTime();

  @CommandLine.Mixin WorkerCli.NetworkOptions nn = new WorkerCli.NetworkOptions();

  @Override
  public Integer call() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    if (config != null) {
      settings.putAll(readConfig(config));
    }
    if (overrides != null) {
      for (String kv : overrides.split(",")) {
        String[] p = kv.split("=", 2);
        if (p.length != 2) {
          throw new IllegalArgumentException("-override-config: '" + kv + "' is not key=value");
        }
        settings.put(p[0].trim(), p[1].trim());
      }
    }
    int maxVisits = visits != null ? visits : 500;
    AnalysisEngine.Perspective perspective = AnalysisEngine.Perspective.BLACK;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      switch (e.getKey()) {
        case "maxVisits" -> {
          if (visits == null) {
            maxVisits = parseVisits(e.getValue());
          }
        }
        case "reportAnalysisWinratesAs" ->
            perspective = AnalysisEngine.Perspective.parse(e.getValue());
        default -> System.err.println("analysis: config key " + e.getKey() + " left alone");
      }
    }
    if (reportAs != null) {
      perspective = AnalysisEngine.Perspective.parse(reportAs);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (Network net = nn.load(model, null, 19);
        BatchedEvaluator evaluator = nn.cached(new BatchedEvaluator(net, 1, 1, true, seed))) {
      AnalysisEngine engine =
          new AnalysisEngine(() -> evaluator, maxVisits, perspective, seed, "tengen " + net.name());
      System.err.println(
          "analysis: ready ("
              + net.name()
              + ", "
              + maxVisits
              + " visits a position, values from "
              + perspective
              + "'s view)");
      engine.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
    }
    return 0;
  }

  private static int parseVisits(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("maxVisits '" + v + "' is not an integer");
    }
  }

  /** A KataGo config file's {@code key = value} lines ({@code #} comments, blank lines). */
  static Map<String, String> readConfig(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    int n = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(file + ":" + n + ": not 'key = value': " + raw);
      }
      out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return out;
  }
}
