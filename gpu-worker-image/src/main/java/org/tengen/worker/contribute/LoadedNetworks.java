package org.tengen.worker.contribute;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tengen.core.api.TaskApi.NetworkRef;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.eval.EvaluationCache;
import org.tengen.network.model.Network;

/**
 * The networks a worker holds in memory, each with its batched evaluator: at most two (a rating
 * task's pair, or the self-play network), the oldest closed first. A network comes from the {@link
 * NetworkCache} (downloaded and checked) and passes its self-test in the {@link Loader} before it
 * is used.
 */
public final class LoadedNetworks implements AutoCloseable {

  /** Loads a network for a device and runs its self-test; refuses one that fails it. */
  public interface Loader {
    Network load(Path file, String sha256, String device) throws IOException;
  }

  /** A network ready to evaluate positions. */
  public record Loaded(Network network, BatchedEvaluator evaluator) {}

  private static final int HELD = 2;

  private final NetworkCache cache;
  private final Loader loader;
  private final ContributeConfig config;
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();

  public LoadedNetworks(NetworkCache cache, Loader loader, ContributeConfig config) {
    this.cache = cache;
    this.loader = loader;
    this.config = config;
  }

  /** The network a task names, downloaded and loaded if it is not held yet. */
  public Loaded get(NetworkRef ref) throws IOException, InterruptedException {
    Loaded l = loaded.get(ref.name());
    if (l != null) {
      return l;
    }
    Path file = cache.get(ref.name(), URI.create(ref.url()), ref.bytes(), ref.sha256());
    while (loaded.size() >= HELD) {
      String oldest = loaded.keySet().iterator().next();
      close(loaded.remove(oldest));
    }
    Network network = loader.load(file, ref.sha256(), config.device());
    BatchedEvaluator evaluator =
        new BatchedEvaluator(
            network,
            config.nnMaxBatchSize(),
            config.numNNServerThreadsPerModel(),
            true,
            System.nanoTime());
    if (config.nnCacheSizePowerOfTwo() > 0) {
      evaluator.withCache(new EvaluationCache(config.nnCacheSizePowerOfTwo()));
    }
    l = new Loaded(network, evaluator);
    loaded.put(ref.name(), l);
    return l;
  }

  private static void close(Loaded l) {
    l.evaluator().close();
    l.network().close();
  }

  @Override
  public void close() {
    loaded.values().forEach(LoadedNetworks::close);
    loaded.clear();
  }
}
