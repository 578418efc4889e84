package org.tengen.network.vector;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tengen.network.eval.SelfTest;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;
import org.tengen.network.model.Precision;
import org.tengen.network.profile.RawSpeed;

/**
 * Which engine computes a worker's evaluations: {@code libtorch}, {@code java} (this package's
 * Winograd engine: on the CPU in FP32 only) or {@code auto}, which on a CPU in FP32 times both on
 * the worker's own board and batch and keeps the faster (on a GPU or in FP16: libtorch).
 */
public final class EngineChoice {

  /** A setting's value. */
  public enum Setting {
    AUTO,
    LIBTORCH,
    JAVA;

    /** Parses {@code auto}, {@code libtorch} or {@code java}. */
    public static Setting of(String name) {
      if (!isValidName(name)) {
        throw new IllegalArgumentException("engine: '" + name + "' is not auto, libtorch or java");
      }
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isValidName(String name) {
      return name != null && name.strip().toLowerCase(Locale.ROOT).matches("auto|libtorch|java");
    }
  }

  /** The network to evaluate with, and a line saying what was chosen and why. */
  public record Choice(Network network, String reason) {}

  /** The longest the Java engine is run before it is timed. */
  static final double WARM_UP_SECONDS = 3;

  /** The least time the Java engine is run before it is timed. */
  static final double MIN_WARM_UP_SECONDS = 1;

  private EngineChoice() {}

  /**
   * Runs {@code network} in rounds of a quarter of a second for at least {@link
   * #MIN_WARM_UP_SECONDS}, then until a round is no more than 5% faster than the best before, or
   * {@code maxSeconds} have passed. (On a busy machine the JIT's compiler threads wait for a core,
   * and an engine not compiled yet runs at an even, slow rate: a plateau alone proves nothing at
   * first.)
   */
  static void warmUp(Network network, List<Features.Position> positions, double maxSeconds) {
    long start = System.nanoTime();
    long least = start + (long) (MIN_WARM_UP_SECONDS * 1e9);
    long end = start + (long) (maxSeconds * 1e9);
    double best = 0;
    while (System.nanoTime() < end) {
      double rate = RawSpeed.evaluationsPerSecond(network, positions, 0.25);
      if (rate <= best * 1.05 && System.nanoTime() > least) {
        return;
      }
      best = Math.max(best, rate);
    }
  }

  /**
   * Threads per call of the Java engine: libtorch's intra-op setting where one is given (the local
   * loop gives each worker 1), else every core.
   */
  public static int threads() {
    String set = System.getProperty("ai.djl.pytorch.num_threads");
    if (set != null) {
      try {
        return Math.max(1, Integer.parseInt(set.strip()));
      } catch (NumberFormatException e) {
        // libtorch refuses it too; fall through to every core
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Whether this JVM can run the Java engine: the Vector API is an incubator module, added at
   * launch. Asked here, not of the engine's classes, whose loading needs the module.
   */
  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Why the Java engine cannot evaluate this network here, or null when it can. */
  public static String unavailableReason(Network network) {
    if (!available()) {
      return "the JVM was started without --add-modules jdk.incubator.vector";
    }
    if (network.device().isGpu()) {
      return "the network is on " + network.device() + ", and the Java engine runs on the CPU";
    }
    if (network.precision() != Precision.FP32) {
      return "the network evaluates in " + network.precision() + ", the Java engine in fp32";
    }
    return null;
  }

  /**
   * {@code network} evaluated by the Java engine, which must pass the same self-test as libtorch
   * (against the file's reference answers); the result takes over {@code network}.
   */
  public static Network onJava(Network network) {
    String why = unavailableReason(network);
    if (why != null) {
      throw new IllegalArgumentException("engine java: " + why);
    }
    Network java = network.evaluatedBy(VectorNetwork.of(network, threads()));
    SelfTest.Result test = SelfTest.run(java);
    if (!test.passed()) {
      throw new IllegalStateException("the Java engine failed the self-test: " + test.failure());
    }
    return java;
  }

  /**
   * The setting applied to a loaded (libtorch) network: {@code auto} measures both engines for
   * {@code seconds} each (in two turns) with a batch of {@code batch} positions on a {@code
   * boardSize} board. The result takes over {@code network}.
   */
  public static Choice apply(
      Network network, String setting, int boardSize, int batch, double seconds) {
    Setting s = Setting.of(setting);
    if (s == Setting.LIBTORCH) {
      return new Choice(network, "engine libtorch (as set)");
    }
    if (s == Setting.JAVA) {
      Network java = onJava(network);
      return new Choice(java, "engine " + java.engineDescription() + " (as set)");
    }
    String why = unavailableReason(network);
    if (why != null) {
      return new Choice(network, "engine auto: libtorch, since " + why);
    }
    List<Features.Position> positions =
        RawSpeed.positions(boardSize, Math.max(1, batch), new SplittableRandom(batch));
    Network java;
    try {
      java = onJava(network);
    } catch (RuntimeException e) {
      return new Choice(network, "engine auto: libtorch, since " + e.getMessage());
    }
    // The Java engine runs interpreted until the JIT has compiled its loops (in a fresh worker
    // it timed at a quarter of libtorch and lost for that alone): it is run until its rate stops
    // rising first. Then each engine is timed twice, in turns, keeping the better.
    warmUp(java, positions, WARM_UP_SECONDS);
    double torch = 0;
    double vector = 0;
    for (int round = 0; round < 2; round++) {
      torch = Math.max(torch, RawSpeed.evaluationsPerSecond(network, positions, seconds / 2));
      vector = Math.max(vector, RawSpeed.evaluationsPerSecond(java, positions, seconds / 2));
    }
    String figures =
        String.format(
            Locale.ROOT,
            "%,.0f evaluations/s against libtorch's %,.0f at batch %d on %dx%d",
            vector,
            torch,
            positions.size(),
            boardSize,
            boardSize);
    if (vector > torch) {
      return new Choice(java, "engine auto: " + java.engineDescription() + ", " + figures);
    }
    // Both views share the weights; the libtorch one stays in use.
    return new Choice(network, "engine auto: libtorch, the Java engine's " + figures);
  }
}
