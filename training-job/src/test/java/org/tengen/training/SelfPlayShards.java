package org.tengen.training;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.GameRecord;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.search.SearchParams;
import org.tengen.worker.selfplay.SelfPlay;
import org.tengen.worker.selfplay.SelfPlayRunner;

/** Real self-play data for the tests, played once per test JVM. */
final class SelfPlayShards {

  static final int SHARDS = 12;
  private static List<byte[]> shards;

  private SelfPlayShards() {}

  /** 48 self-play games on 7x7 by a random b1c16 network at 16 visits, 4 games per shard. */
  static synchronized List<byte[]> get() throws Exception {
    if (shards != null) {
      return shards;
    }
    List<GameRecord> games = Collections.synchronizedList(new ArrayList<>());
    // One game at a time: with several in flight, which request draws which random symmetry
    // depends on the threads' timing, and the games (so the losses the tests see) would differ
    // from run to run.
    try (Network net = Network.random(NetworkName.parse("t-b1c16-s0-d0"), 5, Device.cpu());
        BatchedEvaluator evaluator = new BatchedEvaluator(net, 1, 1, true, 5)) {
      SelfPlayRunner.run(
          new SelfPlay.Settings(7, Rules.chinese(), SearchParams.selfPlay(16)),
          net.name().toString(),
          evaluator,
          1,
          SHARDS * 4,
          5,
          games::add,
          p -> {},
          60);
    }
    games.sort(Comparator.comparing(g -> g.moves().toString()));
    List<byte[]> out = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      out.add(TrainingShard.of(games.subList(4 * s, 4 * s + 4), "t", "t-b1c16-s0-d0").toNpz());
    }
    shards = List.copyOf(out);
    return shards;
  }
}
