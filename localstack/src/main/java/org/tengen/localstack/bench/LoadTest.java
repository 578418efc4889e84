package org.tengen.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tengen.core.shard.TrainingShard;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The load test: M simulated workers, each a contributor with its own key and a real HTTP client on
 * loopback, loop {@code nextTask} → presigned PUT → {@code confirmUpload} without pause against the
 * packaged functions on the embedded local cloud for T minutes; a repeated request follows the
 * worker's rules (503 and 429 are repeated after Retry-After, at most 5 times). Reports requests/s
 * and p50/p99 latency per function, errors by code, where the CPU went (the functions' JVM, the
 * local cloud, the simulated workers) and where confirms spent their time; then checks that the
 * accepted uploads, the stats counters, the shards in S3 and their rows agree exactly, and that
 * nothing is left in incoming/.
 *
 * <p>Usage: {@code LoadTest --functions-jar JAR [--workers 10] [--minutes 2] [--games 4] [--size 9]
 * [--moves 70]}
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

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tengen load: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code;
    try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory())) {
      code = new LoadTest().run(o, cloud) ? 0 : 1;
    }
    System.exit(code);
  }

  private static Options parse(String[] args) {
    BenchSetup.Flags f =
        new BenchSetup.Flags(
            args,
            Set.of("--functions-jar", "--workers", "--minutes", "--games", "--size", "--moves"));
    Path jar = Path.of(f.text("--functions-jar", "functions/target/quarkus-app/quarkus-run.jar"));
    int workers = f.integer("--workers", 10);
    double minutes = f.number("--minutes", 2);
    int games = f.integer("--games", 4);
    int size = f.integer("--size", 9);
    int moves = f.integer("--moves", 70);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no functions jar at " + jar);
    }
    if (workers < 1 || workers > 2000) {
      throw new IllegalArgumentException("--workers: 1..2000");
    }
    if (!(minutes > 0 && minutes <= 120)) {
      throw new IllegalArgumentException("--minutes: above 0, at most 120");
    }
    if (games < 1 || games > 64 || size < 7 || size > 19 || moves < 12 || moves > size * size) {
      throw new IllegalArgumentException("--games 1..64, --size 7..19, --moves 12..size²");
    }
    return new Options(jar, workers, minutes, games, size, moves);
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
      BenchSetup.check(BenchSetup.createRun(base, admin, run, o.size()));
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
      confirmPhases(functions.log());
      return consistent(base, admin, run, cloud);
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
        JsonNode task =
            call(base, "nextTask", key, "{\"run\":\"" + run + "\",\"prefer\":\"selfplay\"}");
        if (task == null) {
          continue;
        }
        if (!put(task.get("upload").get("url").asText(), batch)) {
          continue;
        }
        String uploadId = task.get("upload").get("uploadId").asText();
        JsonNode verdict = call(base, "confirmUpload", key, "{\"uploadId\":\"" + uploadId + "\"}");
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

  private void count(JsonNode verdict) {
    if ("ACCEPTED".equals(verdict.get("outcome").asText())
        && !verdict.get("repeated").asBoolean()) {
      accepted.increment();
      games.add(verdict.get("games").asLong());
      positions.add(verdict.get("positions").asLong());
    } else if (!"ACCEPTED".equals(verdict.get("outcome").asText())) {
      notAccepted.increment();
      String why =
          verdict.get("outcome").asText()
              + " "
              + verdict.path("reasons").path(0).path("code").asText();
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
      JsonNode verdict = null;
      for (int round = 0; verdict == null && round < 10; round++) {
        verdict = call(base, "confirmUpload", u[0], "{\"uploadId\":\"" + u[1] + "\"}");
      }
      if (verdict == null) {
        throw new IllegalStateException("upload " + u[1] + " could not be confirmed at all");
      }
      if (verdict.get("repeated").asBoolean()
          && "ACCEPTED".equals(verdict.get("outcome").asText())) {
        accepted.increment();
        games.add(verdict.get("games").asLong());
        positions.add(verdict.get("positions").asLong());
      } else {
        count(verdict);
      }
    }
    if (n > 0) {
      System.out.println("confirmed " + n + " upload(s) given up during the run afterwards");
    }
  }

  /** A function call, repeated as the worker repeats it; null when it gave up. */
  private JsonNode call(String base, String function, String key, String json) throws Exception {
    Calls c = calls.computeIfAbsent(function, k -> new Calls());
    for (int attempt = 0; attempt < 5; attempt++) {
      long t = System.nanoTime();
      HttpResponse<String> r;
      try {
        r =
            http.send(
                BenchSetup.request(base, function, key, json, Duration.ofMinutes(5)),
                HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        c.errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
        Thread.sleep(1000);
        continue;
      }
      c.millis.add((System.nanoTime() - t) / 1e6);
      if (r.statusCode() == 200) {
        return BenchSetup.JSON.readTree(r.body());
      }
      JsonNode body = r.body().isEmpty() ? null : BenchSetup.JSON.readTree(r.body());
      String code = r.statusCode() + " " + (body == null ? "" : body.path("code").asText());
      c.errors.computeIfAbsent(code, k -> new LongAdder()).increment();
      if (r.statusCode() != 503 && r.statusCode() != 429) {
        gaveUp.increment();
        return null;
      }
      long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Math.min(wait, 10) * 1000);
    }
    gaveUp.increment();
    return null;
  }

  private boolean put(String url, byte[] batch) throws Exception {
    Calls c = calls.computeIfAbsent("PUT (S3)", k -> new Calls());
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
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

  private static final Pattern PHASES =
      Pattern.compile(
          "read (\\d+), validate (\\d+), shard (\\d+), claim (\\d+), store (\\d+), record (\\d+)");

  /**
   * Where accepted confirms spent their time, from the functions' log: the median of each phase.
   */
  private static void confirmPhases(Path log) throws Exception {
    List<long[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      Matcher m = PHASES.matcher(line);
      if (m.find()) {
        long[] r = new long[6];
        for (int i = 0; i < 6; i++) {
          r[i] = Long.parseLong(m.group(i + 1));
        }
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    String[] names = {
      "read (S3)", "validate", "shard", "claim (DynamoDB)", "store (S3)", "record (DynamoDB)"
    };
    StringBuilder sb = new StringBuilder("confirmUpload phases, median ms:");
    for (int i = 0; i < 6; i++) {
      int k = i;
      long[] v = rows.stream().mapToLong(r -> r[k]).sorted().toArray();
      sb.append(String.format(Locale.ROOT, " %s %d", names[i], v[v.length / 2]));
    }
    System.out.println(sb);
  }

  /** The end check: accepted uploads, counters, shards and their rows agree exactly. */
  private boolean consistent(String base, String admin, String run, LocalCloud cloud)
      throws Exception {
    JsonNode totals =
        BenchSetup.check(BenchSetup.post(base, "stats", admin, "{\"run\":\"" + run + "\"}"))
            .get("totals");
    List<String> problems = new ArrayList<>();
    expect(problems, "stats accepted", totals.get("accepted").asLong(), accepted.sum());
    expect(problems, "stats games", totals.get("games").asLong(), games.sum());
    expect(problems, "stats positions", totals.get("positions").asLong(), positions.sum());
    try (S3Client s3 = cloud.s3()) {
      List<String> shards = new ArrayList<>();
      for (S3Object object :
          s3.listObjectsV2Paginator(
                  l -> l.bucket(cloud.bucket()).prefix("training_data/" + run + "/"))
              .contents()) {
        shards.add(object.key());
      }
      shards.sort(null);
      expect(problems, "shards in S3", shards.size(), accepted.sum());
      for (int n = 1; n <= shards.size(); n++) {
        String expected = String.format("training_data/%s/games_%05d.npz", run, n);
        if (!shards.get(n - 1).equals(expected)) {
          problems.add("shard numbers are not dense: " + expected + " missing");
          break;
        }
      }
      long rows = 0;
      for (String shard : shards) {
        rows +=
            TrainingShard.fromNpz(
                    s3.getObjectAsBytes(g -> g.bucket(cloud.bucket()).key(shard)).asByteArray())
                .rows();
      }
      expect(problems, "rows in the shards", rows, positions.sum());
      int left = s3.listObjectsV2(l -> l.bucket(cloud.bucket()).prefix("incoming/")).keyCount();
      expect(problems, "objects left in incoming/", left, 0);
    }
    if (problems.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "consistent: %d accepted uploads = stats = shards in S3 (numbered 1..%d), %d games and %d"
              + " positions = stats = shard rows, incoming/ empty%n",
          accepted.sum(),
          accepted.sum(),
          games.sum(),
          positions.sum());
      return true;
    }
    System.out.println("INCONSISTENT: " + String.join("; ", problems));
    return false;
  }

  private static void expect(List<String> problems, String what, long got, long expected) {
    if (got != expected) {
      problems.add(what + " " + got + ", expected " + expected);
    }
  }
}
