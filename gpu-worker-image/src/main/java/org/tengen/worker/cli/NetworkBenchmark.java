package org.tengen.worker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;
import org.tengen.network.profile.ForwardProfile;
import org.tengen.network.profile.OpTrace;
import org.tengen.network.profile.RawSpeed;
import org.tengen.network.vector.StageClock;
import org.tengen.network.vector.VectorNetwork;
import org.tengen.worker.contribute.BatchSizeTuner;
import org.tengen.worker.search.Mcts;
import org.tengen.worker.search.SearchParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * KataGo-benchmark-style figures: network evaluations per second at each batch size, and search
 * visits per second with several searches in flight sharing one batched evaluator.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = "nn evals/s per batch size and search visits/s per number of searches in flight.")
final class NetworkBenchmark implements Callable<Integer> {

  @Option(names = "--model", description = "network file (or --arch for a random network)")
  Path model;

  @Option(
      names = "--arch",
      description = "architecture of a random network (default: ${DEFAULT-VALUE})")
  String arch = "b6c96";

  @Option(names = "--size", description = "(default: ${DEFAULT-VALUE})")
  int size = 9;

  @Option(names = "--batches", description = "batch sizes (default: ${DEFAULT-VALUE})")
  String batches = "1,2,4,8,16,32,64,128,256";

  @Option(names = "--in-flight", description = "searches at once (default: ${DEFAULT-VALUE})")
  String inFlight = "1,8,16,32";

  @Option(names = "--visits", description = "visits per search (default: ${DEFAULT-VALUE})")
  int visits = 800;

  @Option(names = "--seconds", description = "per measurement (default: ${DEFAULT-VALUE})")
  double seconds = 5;

  @Option(
      names = "--profile",
      description =
          "after each batch size's figure, where a call's time goes: encoding, the forward pass,"
              + " decoding, and libtorch's operators under its profiler")
  boolean profile;

  @Option(
      names = "--tune",
      paramLabel = "GAMES",
      description =
          "also print the batch size that nnMaxBatchSize = auto chooses on this machine for a"
              + " worker playing GAMES games at once (its maxSimultaneousGames)")
  Integer tune;

  @Mixin WorkerCli.NetworkOptions nn = new WorkerCli.NetworkOptions();

  @Override
  public Integer call() throws Exception {
    try (Network net = network()) {
      System.out.printf(
          Locale.ROOT,
          "%s on %s in %s with %s, %dx%d, %,d parameters, %s threads%n",
          net.name().architecture(),
          net.device(),
          net.precision(),
          net.engineDescription(),
          size,
          size,
          net.parameterCount(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"));
      double flops = net.config().forwardFlops(size);
      System.out.printf(Locale.ROOT, "%.1f MFLOP per evaluation (the convolutions)%n", flops / 1e6);
      System.out.println("batch   evals/s   ms/batch   GFLOP/s");
      SplittableRandom random = new SplittableRandom(1);
      for (int b : WorkerCli.parseList(batches)) {
        List<Features.Position> positions = RawSpeed.positions(size, b, random);
        double rate = RawSpeed.evaluationsPerSecond(net, positions, seconds);
        System.out.printf(
            Locale.ROOT, "%5d %9.0f %10.2f %9.1f%n", b, rate, 1000 * b / rate, rate * flops / 1e9);
        if (profile) {
          int calls = Math.max(20, (int) (rate * seconds / b) / 4);
          if (net.engine() instanceof VectorNetwork engine) {
            printProfile(engine.profile(net.encode(positions, Symmetry.identities(b)), calls));
          } else {
            printProfile(ForwardProfile.measure(net, positions, calls));
          }
        }
      }
      if (tune != null) {
        BatchSizeTuner.Choice choice =
            BatchSizeTuner.choose(
                BatchSizeTuner.candidates(tune), BatchSizeTuner.measured(net, size, seconds));
        System.out.printf(
            Locale.ROOT,
            "nnMaxBatchSize = auto with %d games at once: %d (%s)%n",
            tune,
            choice.batch(),
            choice.describe());
      }
      System.out.println("searches  visits/s  nn evals/s  avg batch   (visits " + visits + ")");
      for (int g : WorkerCli.parseList(inFlight)) {
        searchBenchmark(net, g);
      }
    }
    return 0;
  }

  /** The --model file, or a random network of --arch, in the precision asked for. */
  private Network network() throws java.io.IOException {
    if (model != null) {
      return nn.load(model, null, size);
    }
    return WorkerCli.onEngine(
        WorkerCli.inPrecision(
            Network.random(
                NetworkName.parse("bench-" + arch + "-s0-d0"), 1, WorkerCli.device(nn.device)),
            nn.precision),
        nn.engine,
        size,
        nn.batch);
  }

  /** The Java engine's profile: each stage's milliseconds per call and share of the call. */
  private static void printProfile(VectorNetwork.Profile p) {
    System.out.printf(Locale.ROOT, "        ms per call (the Java engine): %.3f%n", p.wallMillis());
    double convolutions = p.stageMillis().get(StageClock.Stage.CONVOLUTIONS);
    double inside =
        p.stageMillis().entrySet().stream()
            .filter(e -> e.getKey().insideConvolutions())
            .mapToDouble(java.util.Map.Entry::getValue)
            .sum();
    p.stageMillis()
        .forEach(
            (stage, ms) -> {
              // The steps inside the convolutions are thread time: shown as shares of theirs.
              double shown = stage.insideConvolutions() ? ms / inside * convolutions : ms;
              System.out.printf(
                  Locale.ROOT,
                  "        %-54s %8.3f ms %5.1f%%%n",
                  stage.description(),
                  shown,
                  100 * shown / p.wallMillis());
            });
  }

  /** The profile's lines, indented under the batch size's figure. */
  private static void printProfile(ForwardProfile.Result r) {
    ForwardProfile.Stages st = r.stages();
    double inside = r.insideMillis();
    System.out.printf(
        Locale.ROOT,
        "        ms per call: encode %.3f, network %.3f, decode %.3f; under the profiler the"
            + " network %.3f, of it %.3f inside libtorch's operators%n",
        st.encodeMillis(),
        st.inferMillis(),
        st.decodeMillis(),
        r.profiledMillis(),
        inside);
    for (OpTrace.OpTime op : r.ops().subList(0, Math.min(8, r.ops().size()))) {
      System.out.printf(
          Locale.ROOT,
          "        %-36s %6.1f calls %8.3f ms %5.1f%%%n",
          op.name(),
          (double) op.calls() / r.calls(),
          r.millisPerCall(op),
          100 * r.millisPerCall(op) / inside);
    }
  }

  private void searchBenchmark(Network net, int searches) throws InterruptedException {
    try (BatchedEvaluator evaluator =
        new BatchedEvaluator(net, Math.max(nn.batch, searches), nn.serverThreads, true, 7)) {
      AtomicLong visitsDone = new AtomicLong();
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < searches; t++) {
        long seed = 100 + t;
        Thread thread =
            new Thread(
                () -> {
                  SplittableRandom random = new SplittableRandom(seed);
                  while (System.nanoTime() < deadline) {
                    Game g = new Game(size, Rules.chinese());
                    Playout.playOut(g, random, random.nextInt(size * size / 2));
                    if (g.isOver()) {
                      continue;
                    }
                    Mcts mcts = new Mcts(SearchParams.strongest(visits), evaluator, random);
                    visitsDone.addAndGet(mcts.search(g, visits, false, false).visits());
                  }
                },
                "bench-search-" + t);
        threads.add(thread);
      }
      long start = System.nanoTime();
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      double s = (System.nanoTime() - start) / 1e9;
      BatchedEvaluator.Stats stats = evaluator.stats();
      System.out.printf(
          Locale.ROOT,
          "%8d %9.0f %11.0f %10.1f%n",
          searches,
          visitsDone.get() / s,
          stats.evaluations() / s,
          stats.averageBatch());
    }
  }
}
