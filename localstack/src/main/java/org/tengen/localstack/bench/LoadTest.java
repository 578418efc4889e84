package org.tengen.localstack.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tengen.core.api.Endpoint;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskKind;
import org.tengen.core.api.UploadApi;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.localstack.Cli;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load test: M simulated workers, each a contributor with its own key and a real HTTP client on
 * loopback, loop {@code nextTask} → presigned PUT → {@code confirmUpload} without pause against the
 * packaged functions on the embedded local cloud for T minutes; a repeated request follows the
 * worker's rules (503 and 429 are repeated after Retry-After, at most 5 times). Reports requests/s
 * and p50/p99 latency per function, errors by code, where the CPU went (the functions' JVM, the
 * local cloud, the simulated workers) and where confirms spent their time; then checks that the
 * accepted uploads, the stats counters, the shards in S3 and their rows agree exactly, and that
 * nothing is left in incoming/.
 */
public final class LoadTest {

  private record Options(
      Path functionsJar, int workers, double minutes, int games, int size, int moves) {}

  /** Latencies (ms) and outcomes of one function. */
  private static final class Calls {
    final List<Double> millis = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  }

  private final Map<String, Calls> calls = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder games = new LongAdder();
  private final LongAdder positions = new LongAdder();
  private final LongAdder notAccepted = new LongAdder();
  private final LongAdder gaveUp = new LongAdder();
  private final AtomicLong clientCpuNanos = new AtomicLong();

  /** Confirms given up during the run (key, upload id): repeated at the end, as a worker would. */
  private final java.util.Queue<String[]> unconfirmed =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .executor(Executors.newFixedThreadPool(8))
          .build();

  private LoadTest() {}

  /** The options, read with picocli. */
  @Command(
      name = "tengen load",
      mixinStandardHelpOptions = true,
      description =
          "M simulated workers against the functions for T minutes, then an exact consistency"
              + " check.")
  static final class CommandLineOptions implements Callable<Integer> {
    @Mixin BenchSetup.FunctionsJar functionsJar;

    @Option(
        names = "--workers",
        paramLabel = "M",
        description = "1..2000 (default: ${DEFAULT-VALUE})")
    int workers = 10;

    @Option(
        names = "--minutes",
        paramLabel = "T",
        description = "above 0, at most 120 (default: ${DEFAULT-VALUE})")
    double minutes = 2;

    @Option(
        names = "--games",
        paramLabel = "N",
        description = "games per batch, 1..64 (default: ${DEFAULT-VALUE})")
    int games = 4;

    @Option(names = "--size", paramLabel = "N", description = "7..19 (default: ${DEFAULT-VALUE})")
    int size = 9;

    @Option(
        names = "--moves",
        paramLabel = "N",
        description = "moves per game, 12..size² (default: ${DEFAULT-VALUE})")
    int moves = 70;

    @Override
    public Integer call() throws Exception {
      Path jar = functionsJar.checked();
      if (workers < 1 || workers > 2000) {
        throw new IllegalArgumentException("--workers: 1..2000");
      }
      if (!(minutes > 0 && minutes <= 120)) {
        throw new IllegalArgumentException("--minutes: above 0, at most 120");
      }
      if (games < 1 || games > 64 || size < 7 || size > 19 || moves < 12 || moves > size * size) {
        throw new IllegalArgumentException("--games 1..64, --size 7..19, --moves 12..size²");
      }
      Options o = new Options(jar, workers, minutes, games, size, moves);
      try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory())) {
        return new LoadTest().run(o, cloud) ? 0 : 1;
      }
    }
  }

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen load", new CommandLineOptions(), args));
  }

  private boolean run(Options o, LocalCloud cloud) throws Exception {
    String admin = BenchSetup.randomKey();
    String trainer = BenchSetup.randomKey();
    try (FunctionsProcess functions =
        new FunctionsProcess(o.functionsJar(), cloud, admin, trainer)
            // The load is the point: no quota may stand in its way.
            .with("tengen.quota.uploads-per-hour", "100000000")) {
      functions.start();
      functions.awaitReady(Duration.ofMinutes(2));
      String base = functions.baseUri().toString();
      String run = "load";
      BenchSetup.createRun(base, admin, run, o.size());
      String network = BenchSetup.placeholderNetwork(base, cloud, trainer, run);
      List<String> keys = BenchSetup.contributors(base, admin, "load", o.workers());
      System.out.printf(
          Locale.ROOT,
          "load: %d workers for %.1f min, batches of %d %dx%d games of %d moves; %d cores, Java %s%n",
          o.workers(),
          o.minutes(),
          o.games(),
          o.size(),
          o.size(),
          o.moves(),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));

      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long ownCpu0 = os.getProcessCpuTime();
      Duration functionsCpu0 = cpu(functions);
      long t0 = System.nanoTime();
      long deadline = t0 + (long) (o.minutes() * 60e9);
      ExecutorService pool = Executors.newFixedThreadPool(o.workers());
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < o.workers(); w++) {
        int worker = w;
        running.add(
            pool.submit(() -> work(o, base, keys.get(worker), run, network, worker, deadline)));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double ownCpu = (os.getProcessCpuTime() - ownCpu0) / 1e9;
      double functionsCpuSeconds = (cpu(functions).toNanos() - functionsCpu0.toNanos()) / 1e9;
      double clientCpu = clientCpuNanos.get() / 1e9;

      report(seconds);
      confirmTheRest(base);
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(
          Locale.ROOT,
          "CPU over %.0f s on %d cores (%.0f core-seconds): functions JVM %.0f s (%.0f%%), local"
              + " cloud (DynamoDB Local + S3Proxy, and this JVM's JIT and GC) %.0f s (%.0f%%),"
              + " simulated workers %.0f s (%.0f%%)%n",
          seconds,
          cores,
          seconds * cores,
          functionsCpuSeconds,
          100 * functionsCpuSeconds / (seconds * cores),
          ownCpu - clientCpu,
          100 * (ownCpu - clientCpu) / (seconds * cores),
          clientCpu,
          100 * clientCpu / (seconds * cores));
      ConfirmPhases.print(functions.log());
      boolean consistent =
          new ConsistencyCheck(accepted.sum(), games.sum(), positions.sum())
              .passes(base, admin, run, cloud);
      if (accepted.sum() == 0) {
        // Nothing measured is no result: every upload failed before it was confirmed.
        System.out.println("FAILED: no upload was accepted, " + gaveUp.sum() + " given up");
        return false;
      }
      return consistent;
    }
  }

  private static Duration cpu(FunctionsProcess f) {
    return f.handle().flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
  }

  /** One simulated worker: uploads until the deadline, as a contributor's worker does. */
  private void work(
      Options o, String base, String key, String run, String network, int worker, long deadline) {
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long generating = 0;
    try {
      for (long i = 0; System.nanoTime() < deadline; i++) {
        long g0 = threads.getCurrentThreadCpuTime();
        byte[] batch =
            BackendBenchmark.batch(
                // Seeds that no two batches share (a game seen twice is rejected as a duplicate).
                run,
                network,
                o.size(),
                o.moves(),
                o.games(),
                1_000_000_000_000L * worker + 1_000_000L * i);
        generating += threads.getCurrentThreadCpuTime() - g0;
        Task task =
            call(base, key, Endpoints.NEXT_TASK, NextTaskRequest.of(run, TaskKind.SELFPLAY));
        if (task == null) {
          continue;
        }
        if (!put(task.upload().url(), batch)) {
          continue;
        }
        String uploadId = task.upload().uploadId();
        ConfirmResult verdict =
            call(base, key, Endpoints.CONFIRM_UPLOAD, new ConfirmUploadRequest(uploadId));
        if (verdict == null) {
          unconfirmed.add(new String[] {key, uploadId});
          continue;
        }
        count(verdict);
      }
    } catch (Exception e) {
      calls
          .computeIfAbsent("worker", k -> new Calls())
          .errors
          .computeIfAbsent(e.toString(), k -> new LongAdder())
          .increment();
    } finally {
      // Generating the batches stands in for playing the games: not the backend's load.
      clientCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu0 - generating);
    }
  }

  private void count(ConfirmResult verdict) {
    boolean ok = verdict.outcome() == UploadApi.Outcome.ACCEPTED;
    if (ok && !verdict.repeated()) {
      accepted.increment();
      games.add(verdict.games());
      positions.add(verdict.positions());
    } else if (!ok) {
      notAccepted.increment();
      String why =
          verdict.outcome()
              + " "
              + (verdict.reasons() == null || verdict.reasons().isEmpty()
                  ? ""
                  : verdict.reasons().get(0).code());
      calls
          .computeIfAbsent("confirmUpload", k -> new Calls())
          .errors
          .computeIfAbsent(why.strip(), k -> new LongAdder())
          .increment();
    }
  }

  /**
   * Confirms what was given up during the run, as a worker does with its queue: until answered. A
   * confirm that timed out on the client may have been done by the backend; its repeat says so
   * ({@code repeated}) and is counted then, once.
   */
  private void confirmTheRest(String base) throws Exception {
    int n = unconfirmed.size();
    for (String[] u; (u = unconfirmed.poll()) != null; ) {
      ConfirmResult verdict = null;
      for (int round = 0; verdict == null && round < 10; round++) {
        verdict = call(base, u[0], Endpoints.CONFIRM_UPLOAD, new ConfirmUploadRequest(u[1]));
      }
      if (verdict == null) {
        throw new IllegalStateException("upload " + u[1] + " could not be confirmed at all");
      }
      if (verdict.repeated() && verdict.outcome() == UploadApi.Outcome.ACCEPTED) {
        accepted.increment();
        games.add(verdict.games());
        positions.add(verdict.positions());
      } else {
        count(verdict);
      }
    }
    if (n > 0) {
      System.out.println("confirmed " + n + " upload(s) given up during the run afterwards");
    }
  }

  /**
   * A function call, repeated as the worker repeats it (5 attempts); null when it gave up. Every
   * attempt's time and failure is counted per function.
   */
  private <Q, A> A call(String base, String key, Endpoint<Q, A> endpoint, Q request)
      throws InterruptedException {
    BackendClient client =
        BenchSetup.client(
            base,
            key,
            http,
            (what, status, failure, nanos) -> {
              Calls c = calls.computeIfAbsent(what, k -> new Calls());
              if (status > 0) {
                c.millis.add(nanos / 1e6);
              }
              if (failure != null) {
                String code = status > 0 ? status + " " + failure : failure;
                c.errors.computeIfAbsent(code, k -> new LongAdder()).increment();
              }
            });
    try {
      return client.call(endpoint, request, 5);
    } catch (java.io.IOException e) {
      gaveUp.increment();
      return null;
    }
  }

  private boolean put(String url, byte[] batch) throws Exception {
    Calls c = calls.computeIfAbsent("PUT (S3)", k -> new Calls());
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("If-None-Match", "*") // signed into the URL: the upload cannot overwrite
                .PUT(HttpRequest.BodyPublishers.ofByteArray(batch))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    c.millis.add((System.nanoTime() - t) / 1e6);
    if (r.statusCode() != 200) {
      c.errors.computeIfAbsent("" + r.statusCode(), k -> new LongAdder()).increment();
      gaveUp.increment();
      return false;
    }
    return true;
  }

  private void report(double seconds) {
    System.out.printf(
        Locale.ROOT,
        "%.0f s: %d uploads accepted (%.1f/s), %d games (%.0f/s), %d positions (%.0f/s);"
            + " %d not accepted, %d given up%n",
        seconds,
        accepted.sum(),
        accepted.sum() / seconds,
        games.sum(),
        games.sum() / seconds,
        positions.sum(),
        positions.sum() / seconds,
        notAccepted.sum(),
        gaveUp.sum());
    for (Map.Entry<String, Calls> e : new TreeMap<>(calls).entrySet()) {
      double[] ms;
      synchronized (e.getValue().millis) {
        ms = e.getValue().millis.stream().mapToDouble(Double::doubleValue).toArray();
      }
      Arrays.sort(ms);
      Map<String, Long> errors = new TreeMap<>();
      e.getValue().errors.forEach((k, v) -> errors.put(k, v.sum()));
      if (ms.length == 0) {
        System.out.printf(Locale.ROOT, "  %-14s errors %s%n", e.getKey(), errors);
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "  %-14s %6.1f req/s   p50 %7.1f ms   p99 %8.1f ms   max %8.1f ms   errors %s%n",
          e.getKey(),
          ms.length / seconds,
          BackendBenchmark.percentile(ms, 0.50),
          BackendBenchmark.percentile(ms, 0.99),
          ms[ms.length - 1],
          errors.isEmpty() ? "none" : errors);
    }
  }
}
