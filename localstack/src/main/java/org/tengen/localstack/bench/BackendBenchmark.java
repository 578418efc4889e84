package org.tengen.localstack.bench;

import static org.tengen.localstack.bench.BenchSetup.contributors;
import static org.tengen.localstack.bench.BenchSetup.createRun;
import static org.tengen.localstack.bench.BenchSetup.placeholderNetwork;
import static org.tengen.localstack.bench.BenchSetup.randomKey;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.api.StatsApi.Totals;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskKind;
import org.tengen.core.api.UploadApi;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.record.WireFormat;
import org.tengen.localstack.Cli;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The backend's figures on localhost: the packaged functions (a child JVM, as {@code tengen
 * backend} runs them) over the embedded local cloud. Measures the functions' JVM start to the first
 * answered request, then drives the whole upload path (nextTask, presigned PUT, confirmUpload) from
 * several simulated workers at once with realistic batches, and reports throughput and latency.
 */
public final class BackendBenchmark {

  private record Options(
      Path functionsJar, int batches9, int batches19, int workers, int gamesPerBatch, int flood) {}

  /** One upload's timings, in milliseconds. */
  private record Timing(double nextTask, double put, double confirm, int games, int positions) {}

  private BackendBenchmark() {}

  /** The options, read with picocli. */
  @Command(
      name = "tengen benchmark backend",
      mixinStandardHelpOptions = true,
      description =
          "The backend's start and upload path on localhost, with throughput and latency.")
  static final class CommandLineOptions implements Callable<Integer> {
    @Mixin BenchSetup.FunctionsJar functionsJar;

    @Option(names = "--batches-9x9", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
    int batches9 = 64;

    @Option(
        names = "--batches-19x19",
        paramLabel = "N",
        description = "(default: ${DEFAULT-VALUE})")
    int batches19 = 16;

    @Option(
        names = "--workers",
        paramLabel = "N",
        description = "simulated workers (default: ${DEFAULT-VALUE})")
    int workers = 4;

    @Option(
        names = "--games",
        paramLabel = "N",
        description = "games per batch, 1..64 (default: ${DEFAULT-VALUE})")
    int games = 25;

    @Option(
        names = "--flood",
        paramLabel = "N",
        description =
            "requests per kind of key in the key-flood phase (a contributor's, junk, unknown);"
                + " 0 skips it (default: ${DEFAULT-VALUE})")
    int flood = 2000;

    @Override
    public Integer call() throws Exception {
      Path jar = functionsJar.checked();
      if (batches9 < 0 || batches19 < 0 || workers < 1 || games < 1 || games > 64 || flood < 0) {
        throw new IllegalArgumentException("batches >= 0, workers >= 1, games 1..64, flood >= 0");
      }
      Options o = new Options(jar, batches9, batches19, workers, games, flood);
      System.out.printf(
          Locale.ROOT,
          "backend benchmark: %d cores, Java %s, %d workers, %d games per batch%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          o.workers(),
          o.gamesPerBatch());
      try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.inMemory())) {
        run(o, cloud);
      }
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen benchmark backend", new CommandLineOptions(), args));
  }

  private static void run(Options o, LocalCloud cloud) throws Exception {
    String admin = randomKey();
    String trainer = randomKey();
    FunctionsProcess functions = new FunctionsProcess(o.functionsJar(), cloud, admin, trainer);
    String base = functions.baseUri().toString();
    Path log = functions.log();
    long t0 = System.nanoTime();
    functions.start();
    try {
      // The first request that gets any answer (a key check), then the first that does real work
      // (createRun reads and writes DynamoDB).
      double firstAnswer = functions.awaitReady(Duration.ofMinutes(2));
      createRun(base, admin, "bench9", 9);
      double firstWork = (System.nanoTime() - t0) / 1e6;
      String startedLine =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("started in"))
              .findFirst()
              .orElse("(no start line)");
      System.out.printf(
          Locale.ROOT,
          "functions JVM start to first answered request: %.0f ms; to the first createRun done: %.0f"
              + " ms%n  Quarkus says: %s%n",
          firstAnswer,
          firstWork,
          startedLine.replaceAll("^.*?(tengen-functions)", "$1"));

      createRun(base, admin, "bench19", 19);
      List<String> keys = contributors(base, admin, "bench", o.workers());
      for (String run : List.of("bench9", "bench19")) {
        placeholderNetwork(base, cloud, trainer, run);
      }
      if (o.batches9() > 0) {
        phase(base, keys, "bench9", 9, 70, o.batches9(), o);
      }
      if (o.batches19() > 0) {
        phase(base, keys, "bench19", 19, 250, o.batches19(), o);
      }
      if (o.flood() > 0) {
        KeyFlood.run(base, keys.get(0), o.flood(), Math.max(4, o.workers()));
      }
    } finally {
      functions.close();
    }
  }

  /** Uploads {@code batches} batches (after a warm-up) from all workers at once, and reports. */
  private static void phase(
      String base, List<String> keys, String run, int size, int moves, int batches, Options o)
      throws Exception {
    String network = run + "-b6c96-s0-d0";
    int warmup = o.workers() * 2;
    long g0 = System.nanoTime();
    List<byte[]> uploads =
        IntStream.range(0, warmup + batches)
            .parallel()
            .mapToObj(i -> batch(run, network, size, moves, o.gamesPerBatch(), 7919L * i + size))
            .toList();
    double kb = uploads.stream().mapToLong(b -> b.length).average().orElse(0) / 1024;
    System.out.printf(
        Locale.ROOT,
        "%n%dx%d: %d batches of %d games of %d moves, %.0f KB gzipped each (generated in %.1f s)%n",
        size,
        size,
        batches,
        o.gamesPerBatch(),
        moves,
        kb,
        (System.nanoTime() - g0) / 1e9);
    drive(base, keys, run, uploads.subList(0, warmup));
    long t0 = System.nanoTime();
    List<Timing> timings = drive(base, keys, run, uploads.subList(warmup, uploads.size()));
    double seconds = (System.nanoTime() - t0) / 1e9;
    int games = timings.stream().mapToInt(Timing::games).sum();
    long positions = timings.stream().mapToLong(Timing::positions).sum();
    System.out.printf(
        Locale.ROOT,
        "  throughput: %.1f batches/s, %.0f games/s, %.0f positions/s validated and stored (%d"
            + " workers)%n",
        batches / seconds,
        games / seconds,
        positions / seconds,
        o.workers());
    report("confirmUpload", timings.stream().mapToDouble(Timing::confirm).toArray());
    report("nextTask", timings.stream().mapToDouble(Timing::nextTask).toArray());
    report("PUT (S3)", timings.stream().mapToDouble(Timing::put).toArray());
    Totals totals =
        BenchSetup.client(base, keys.get(0))
            .call(Endpoints.STATS, new StatsRequest(run), 3)
            .totals();
    int expected = (warmup + batches) * o.gamesPerBatch();
    if (totals.games() != expected) {
      throw new IllegalStateException("stats count " + totals + ", not " + expected);
    }
  }

  private static List<Timing> drive(
      String base, List<String> keys, String run, List<byte[]> batches) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(keys.size());
    AtomicInteger next = new AtomicInteger();
    List<Future<List<Timing>>> workers = new ArrayList<>();
    for (String key : keys) {
      workers.add(
          pool.submit(
              () -> {
                List<Timing> mine = new ArrayList<>();
                for (int i = next.getAndIncrement();
                    i < batches.size();
                    i = next.getAndIncrement()) {
                  mine.add(upload(base, key, run, batches.get(i)));
                }
                return mine;
              }));
    }
    List<Timing> all = new ArrayList<>();
    for (Future<List<Timing>> f : workers) {
      all.addAll(f.get());
    }
    pool.shutdown();
    return all;
  }

  private static Timing upload(String base, String key, String run, byte[] batch) throws Exception {
    // One attempt each: a benchmark measures the calls, and any failure ends it.
    BackendClient client = BenchSetup.client(base, key);
    long a = System.nanoTime();
    Task task = client.call(Endpoints.NEXT_TASK, NextTaskRequest.of(run, TaskKind.SELFPLAY), 1);
    long b = System.nanoTime();
    client.put(URI.create(task.upload().url()), batch, 1);
    long c = System.nanoTime();
    ConfirmResult verdict =
        client.call(
            Endpoints.CONFIRM_UPLOAD, new ConfirmUploadRequest(task.upload().uploadId()), 1);
    long d = System.nanoTime();
    if (verdict.outcome() != UploadApi.Outcome.ACCEPTED) {
      throw new IllegalStateException("a benchmark batch was not accepted: " + verdict);
    }
    return new Timing(
        (b - a) / 1e6, (c - b) / 1e6, (d - c) / 1e6, verdict.games(), verdict.positions());
  }

  private static void report(String what, double[] ms) {
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "  %-14s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   (%d calls)%n",
        what,
        percentile(ms, 0.50),
        percentile(ms, 0.99),
        ms[ms.length - 1],
        ms.length);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * A batch of games as a worker uploads them: random legal play for {@code moves - 2} moves, then
   * two passes; each position's policy target spread over up to 24 legal moves as a search's visit
   * distribution is (a sparse vector, as KataGo's targets mostly are).
   */
  static byte[] batch(String run, String network, int size, int moves, int games, long seed) {
    List<GameRecord> records = new ArrayList<>();
    for (long s = seed; records.size() < games; s += 1_000_003L) {
      SplittableRandom random = new SplittableRandom(s);
      Game game = new Game(size, Rules.chinese());
      GameRecordBuilder builder = new GameRecordBuilder(network);
      int[] scratch = new int[size * size];
      boolean stuck = false;
      while (game.moveCount() < moves - 2) {
        int loc = Playout.randomMove(game, random, scratch);
        if (loc == Board.NONE) {
          stuck = true;
          break;
        }
        builder.record(game, visitLikePolicy(game, loc, random));
        game.playAssumeLegal(loc);
      }
      if (stuck) {
        continue;
      }
      for (int i = 0; i < 2; i++) {
        builder.record(game, visitLikePolicy(game, Board.NONE, random));
        game.playAssumeLegal(Board.NONE);
      }
      records.add(builder.build(game));
    }
    return WireFormat.toGzippedJson(new GameBatch(1, run, network, records));
  }

  private static float[] visitLikePolicy(Game game, int played, SplittableRandom random) {
    Board board = game.board();
    int area = board.size() * board.size();
    float[] p = new float[area + 1];
    int playedIndex = played == Board.NONE ? area : board.pointIndex(played);
    p[playedIndex] = 400 + random.nextInt(400);
    for (int k = 0; k < 23; k++) {
      int i = random.nextInt(area);
      int loc = board.locOfPoint(i);
      if (board.get(loc) == Board.EMPTY && game.isLegal(loc)) {
        p[i] += 1 + random.nextInt(60);
      }
    }
    float sum = 0;
    for (float v : p) {
      sum += v;
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
