package org.tengen.worker.contribute;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tengen.core.api.TaskApi.NetworkRef;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.eval.EvaluationCache;
import org.tengen.network.model.Network;
import org.tengen.network.vector.EngineChoice;

/**
 * The networks a worker holds in memory, each with its batched evaluator: at most two (a rating
 * task's pair, or the self-play network), the oldest closed first. A network comes from the {@link
 * NetworkCache} (downloaded and checked) and passes its self-test in the {@link Loader} before it
 * is used. With {@code nnMaxBatchSize = auto} its batch size is the one {@link BatchSizeTuner}
 * measures for its architecture on the board of the first task that loads it, once per architecture
 * and board for the worker's life.
 */
public final class LoadedNetworks implements AutoCloseable {

  /**
   * Loads a network for a device in a precision (auto, fp32, fp16) and runs its self-test; refuses
   * one that fails it.
   */
  public interface Loader {
    Network load(Path file, String sha256, String device, String precision) throws IOException;
  }

  /** A network ready to evaluate positions. */
  public record Loaded(Network network, BatchedEvaluator evaluator) {}

  private static final int HELD = 2;

  /** Seconds of forward passes per batch size tried. */
  private static final double TUNING_SECONDS = 0.4;

  private final NetworkCache cache;
  private final Loader loader;
  private final ContributeConfig config;
  private final WorkerLog log;
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();
  private final Map<String, Integer> tunedBatch = new HashMap<>();
  private final Map<String, String> chosenEngine = new HashMap<>();
  private final Map<String, Integer> libtorchVerdicts = new HashMap<>();

  /** Loads that must each time libtorch the faster before it is kept without timing. */
  private static final int VERDICTS_FOR_LIBTORCH = 3;

  public LoadedNetworks(NetworkCache cache, Loader loader, ContributeConfig config, WorkerLog log) {
    this.cache = cache;
    this.loader = loader;
    this.config = config;
    this.log = log;
  }

  /**
   * The network a task names, downloaded and loaded if it is not held yet, for games on a board of
   * {@code boardSize}.
   */
  public Loaded get(NetworkRef ref, int boardSize) throws IOException, InterruptedException {
    Loaded l = loaded.get(ref.name());
    if (l != null) {
      return l;
    }
    Path file = cache.get(ref.name(), URI.create(ref.url()), ref.bytes(), ref.sha256());
    while (loaded.size() >= HELD) {
      String oldest = loaded.keySet().iterator().next();
      close(loaded.remove(oldest));
    }
    Network network =
        onEngine(loader.load(file, ref.sha256(), config.device(), config.precision()), boardSize);
    BatchedEvaluator evaluator =
        new BatchedEvaluator(
            network,
            batchSize(network, boardSize),
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

  /**
   * The network evaluated by the configured engine; with {@code engine = auto} the engine timed the
   * faster for its architecture and board: timed once per architecture and board where the Java
   * engine wins, at up to three loads where libtorch does (before the batch size, which is then
   * measured with that engine).
   */
  private Network onEngine(Network network, int boardSize) throws IOException {
    String key = network.name().architecture() + " on " + boardSize + "x" + boardSize;
    String setting = chosenEngine.getOrDefault(key, config.engine());
    EngineChoice.Choice choice;
    try {
      choice =
          EngineChoice.apply(
              network,
              setting,
              boardSize,
              Math.min(32, config.maxSimultaneousGames()),
              TUNING_SECONDS);
    } catch (RuntimeException e) {
      network.close();
      throw new IOException(
          "engine " + setting + " cannot evaluate " + network.name() + ": " + e.getMessage(), e);
    }
    if (!chosenEngine.containsKey(key)) {
      log.info(key + ": " + choice.reason());
      if (choice.network().engine() != null) {
        chosenEngine.put(key, "java");
      } else if (libtorchVerdicts.merge(key, 1, Integer::sum) >= VERDICTS_FOR_LIBTORCH) {
        // Timed again at the next loads first: the first timing may have caught the Java engine
        // before the JIT compiled it, on a machine busy with other work.
        chosenEngine.put(key, "libtorch");
      }
    }
    return choice.network();
  }

  /** The configured batch size, or the one measured for the network's architecture and board. */
  private int batchSize(Network network, int boardSize) {
    if (!config.tunesBatchSize()) {
      return config.nnMaxBatchSize();
    }
    String key = network.name().architecture() + " on " + boardSize + "x" + boardSize;
    Integer known = tunedBatch.get(key);
    if (known != null) {
      return known;
    }
    BatchSizeTuner.Choice choice =
        BatchSizeTuner.choose(
            BatchSizeTuner.candidates(config.maxSimultaneousGames()),
            BatchSizeTuner.measured(network, boardSize, TUNING_SECONDS));
    log.info(
        "nnMaxBatchSize = auto: "
            + choice.batch()
            + " for "
            + key
            + " on "
            + network.device().toString().replace("()", "")
            + " ("
            + choice.describe()
            + ")");
    tunedBatch.put(key, choice.batch());
    return choice.batch();
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
