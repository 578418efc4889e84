package org.tengen.training;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkConfig;

/**
 * Training speed: optimizer steps of a network on batches of real positions (random games, dense
 * policies), after a warm-up; reports samples/s and the floating-point work that stands for, from
 * the architecture's convolutions ({@link NetworkConfig#forwardFlops}), as a share of a stated
 * machine peak.
 *
 * <p>Usage: {@code TrainBenchmark [architecture b6c96] [size 9] [batch 256] [steps 20] [peak
 * GFLOP/s for the machine]}
 */
public final class TrainBenchmark {

  private TrainBenchmark() {}

  /**
   * One shard of uniformly random games of {@code size} (dense uniform policies) with at least
   * {@code rows} positions: real positions to train on where what is learned does not matter.
   */
  static List<ShardData.Shard> randomShards(NetworkName name, int size, int rows, long seed) {
    List<GameRecord> games = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    int made = 0;
    while (made < rows) {
      Game g = new Game(size, Rules.chinese());
      GameRecordBuilder b = new GameRecordBuilder(name.toString());
      int[] scratch = new int[size * size];
      while (!g.isOver() && g.moveCount() < 3 * size * size) {
        float[] policy = new float[size * size + 1];
        for (int i = 0; i < policy.length; i++) {
          policy[i] = 1f / policy.length;
        }
        b.record(g, policy);
        int loc = Playout.randomMove(g, random, scratch);
        g.playAssumeLegal(loc == Board.NONE ? Board.NONE : loc);
      }
      if (!g.isOver()) {
        g.resign(g.toMove());
      }
      GameRecord r = b.build(g);
      games.add(r);
      made += r.positions().size();
    }
    TrainingShard shard = TrainingShard.of(games, "bench", name.toString());
    return List.of(new ShardData.Shard("games_00001.npz", shard));
  }

  public static void main(String[] args) throws Exception {
    String architecture = args.length > 0 ? args[0] : "b6c96";
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    double peak = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    NetworkName name = NetworkName.parse("bench-" + architecture + "-s0-d0");
    List<ShardData.Shard> shards = randomShards(name, size, 4 * batch, 1);
    Batches batches = new Batches(shards, batch, 1);
    try (Network net = Network.random(name, 1, Device.cpu())) {
      Adam adam = new Adam(net, 1e-4f);
      double flops = 3 * net.config().forwardFlops(size); // forward + backward ≈ 3 forward
      System.out.printf(
          Locale.ROOT,
          "training benchmark: %s (%,d parameters), %dx%d, batch %d, %d steps after 3 warm-up steps,"
              + " %d cores, torch threads %s%n",
          architecture,
          net.parameterCount(),
          size,
          size,
          batch,
          steps,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("ai.djl.pytorch.num_threads", "(engine default)"));
      System.out.printf(
          Locale.ROOT,
          "work per training sample: %.1f MFLOP (3 × %.1f MFLOP forward)%n",
          flops / 1e6,
          flops / 3e6);
      long encodeNanos = 0;
      long t0 = 0;
      for (int s = 0; s < steps + 3; s++) {
        if (s == 3) {
          t0 = System.nanoTime();
          encodeNanos = 0;
        }
        long e0 = System.nanoTime();
        EncodedBatch b = EncodedBatch.of(batches.next(), shards, new SplittableRandom(s));
        encodeNanos += System.nanoTime() - e0;
        TrainingJob.step(net, adam, b, false);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double samples = (double) steps * batch / secs;
      System.out.printf(
          Locale.ROOT,
          "%.2f steps/s, %.0f samples/s, %.1f GFLOP/s (encoding the batches: %.0f%% of the time)%n",
          steps / secs,
          samples,
          samples * flops / 1e9,
          100.0 * encodeNanos / 1e9 / secs);
      if (peak > 0) {
        System.out.printf(
            Locale.ROOT,
            "share of the stated peak %.0f GFLOP/s: %.0f%%%n",
            peak,
            100 * samples * flops / 1e9 / peak);
      }
    }
  }
}
