package org.tengen.localstack.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole loop on one machine: the local cloud (persisted in the data folder), the functions, K
 * workers (each a real {@code contribute} process over HTTP), and a trainer that runs the training
 * job as its own process whenever enough new positions have arrived; candidates are rated by the
 * workers and released or rejected by the backend. A second run on the same folder continues the
 * first.
 *
 * <p>Usage: {@code LocalLoop --root REPO [--data DIR] [--workers 2] [--size 9] [--net b2c32]
 * [--visits 32] [--games-per-batch 8] [--train-every 3000] [--train-steps 400] [--rating-games 40]
 * [--duration 30m]}
 *
 * <ul>
 *   <li>--data: the folder with all state (default tengen-data/local); a second run continues it
 *   <li>--workers: contribute processes; --size, --net, --visits: the run's board, the first
 *       network's architecture (b{blocks}c{channels}) and self-play visits
 *   <li>--train-every: new positions that start a training job of --train-steps steps
 *   <li>--rating-games: games a candidate plays against the current network before the seed's rule
 *       (+20 Elo) releases or rejects it
 *   <li>--duration: 90s, 30m, 2h; Ctrl-C stops earlier, cleanly
 * </ul>
 *
 * <p>While it runs: a status block every 5 s, the dashboard on the functions' port (dashboard/, its
 * key-bearing link in DIR/dashboard.url), DIR/networks.tsv. Afterwards: {@code ./tengen strength
 * --data DIR} plays the released networks against the first and GNU Go.
 */
public final class LocalLoop {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "local";

  /** A training job's progress line: step, total loss, policy loss. */
  private static final java.util.regex.Pattern TRAINING_STEP =
      java.util.regex.Pattern.compile("step (\\d+/\\d+) .*\\| loss ([0-9.]+) = policy ([0-9.]+)");

  record Options(
      Path root,
      Path data,
      int workers,
      int size,
      String net,
      int visits,
      int gamesPerBatch,
      long trainEvery,
      int trainSteps,
      int ratingGames,
      Duration duration) {}

  private final Options o;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Process> workers = new ArrayList<>();
  private FunctionsProcess functions;
  private String admin;
  private String trainer;
  private volatile String training = "idle";
  private long gamesAtStart = -1;
  private volatile int trainings;
  private volatile Path trainingLog;
  private int blockLines;

  LocalLoop(Options o) {
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tengen local: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new LocalLoop(o).run());
  }

  static Options parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options are --name value pairs; '" + args[i] + "'?");
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    try {
      Options o =
          new Options(
              Path.of(a.getOrDefault("root", ".")).toAbsolutePath(),
              Path.of(a.getOrDefault("data", "tengen-data/local")).toAbsolutePath(),
              Integer.parseInt(a.getOrDefault("workers", "2")),
              Integer.parseInt(a.getOrDefault("size", "9")),
              a.getOrDefault("net", "b2c32"),
              Integer.parseInt(a.getOrDefault("visits", "32")),
              Integer.parseInt(a.getOrDefault("games-per-batch", "8")),
              Long.parseLong(a.getOrDefault("train-every", "3000")),
              Integer.parseInt(a.getOrDefault("train-steps", "400")),
              Integer.parseInt(a.getOrDefault("rating-games", "40")),
              duration(a.getOrDefault("duration", "30m")));
      a.keySet()
          .removeAll(
              List.of(
                  "root",
                  "data",
                  "workers",
                  "size",
                  "net",
                  "visits",
                  "games-per-batch",
                  "train-every",
                  "train-steps",
                  "rating-games",
                  "duration"));
      if (!a.isEmpty()) {
        throw new IllegalArgumentException("unknown option(s) " + a.keySet());
      }
      if (o.workers() < 1 || o.visits() < 1 || o.gamesPerBatch() < 1 || o.trainSteps() < 1) {
        throw new IllegalArgumentException(
            "workers, visits, games-per-batch, train-steps: at least 1");
      }
      if (!o.net().matches("b\\d{1,2}c\\d{1,4}")) {
        throw new IllegalArgumentException("--net is like b2c32");
      }
      return o;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a number option is not a number: " + e.getMessage());
    }
  }

  static Duration duration(String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--duration is like 90s, 30m or 2h, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  int run() throws Exception {
    Files.createDirectories(o.data());
    Properties keys = keys();
    admin = keys.getProperty("admin");
    trainer = keys.getProperty("trainer");
    Instant started = Instant.now();
    try (LocalCloud cloud =
        LocalCloud.start(LocalCloud.Options.persistent(o.data().resolve("cloud")))) {
      functions =
          new FunctionsProcess(
                  o.root().resolve("functions/target/quarkus-app/quarkus-run.jar"),
                  cloud,
                  admin,
                  trainer)
              .with("tengen.rating.probability", "0.5")
              // This machine's own workers on 9x9 upload several hundred small batches an hour
              // each: the public deployment's quota is not meant for them.
              .with("tengen.quota.uploads-per-hour", "100000");
      functions.start();
      functions.awaitReady(Duration.ofMinutes(2));
      System.out.println("functions on " + functions.baseUri() + "; state in " + o.data());
      Path link = o.data().resolve("dashboard.url");
      Files.writeString(
          link,
          functions.baseUri().resolve("/dashboard/") + "#run=" + RUN + "&key=" + admin + "\n");
      try {
        Files.setPosixFilePermissions(
            link, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions apply
      }
      System.out.println(
          "dashboard: "
              + functions.baseUri().resolve("/dashboard/")
              + " (the link with the key: "
              + link
              + ")");
      Thread hook = new Thread(() -> stopping.set(true), "local-loop-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      setUpRun(cloud, keys);
      for (int w = 1; w <= o.workers(); w++) {
        workers.add(startWorker(w, keys.getProperty("worker" + w)));
      }
      Thread trainerThread = new Thread(() -> trainLoop(cloud), "local-loop-trainer");
      trainerThread.setDaemon(true);
      trainerThread.start();
      Instant end = started.plus(o.duration());
      while (!stopping.get() && Instant.now().isBefore(end)) {
        Thread.sleep(5_000);
        if (!stopping.get()) {
          try {
            status(started);
          } catch (Exception e) {
            System.out.println("status: " + e.getMessage());
            blockLines = 0;
          }
        }
      }
      stopping.set(true);
      System.out.println(
          "stopping: workers keep their finished games on disk and upload them next time");
      for (Process p : workers) {
        p.destroy();
      }
      for (Process p : workers) {
        p.waitFor();
      }
      summary(started);
      System.out.println(
          "the networks' table: "
              + o.data().resolve("networks.tsv")
              + "; measure them with: ./tengen strength --data "
              + o.data());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
      functions.close();
    }
    return 0;
  }

  private Properties keys() throws IOException {
    Path file = o.data().resolve("keys.properties");
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (var in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    SecureRandom random = new SecureRandom();
    for (String k : List.of("admin", "trainer")) {
      if (!p.containsKey(k)) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        p.setProperty(k, "tgn_" + k + "_" + HexFormat.of().formatHex(b));
      }
    }
    save(p);
    return p;
  }

  private void save(Properties p) throws IOException {
    try (var out = Files.newOutputStream(o.data().resolve("keys.properties"))) {
      p.store(out, "the local loop's keys (this folder only)");
    }
  }

  private void setUpRun(LocalCloud cloud, Properties keys) throws Exception {
    String policy = "seed:" + o.ratingGames() + ":20:1000000000000";
    JsonNode created =
        post(
            admin,
            "createRun",
            Map.of(
                "run",
                RUN,
                "curriculum",
                "*:" + o.size() + ":" + o.visits(),
                "gamesPerBatch",
                o.gamesPerBatch(),
                "releasePolicy",
                policy));
    if (created.has("run")) {
      System.out.println(
          "created run "
              + RUN
              + " ("
              + o.size()
              + "x"
              + o.size()
              + ", "
              + o.visits()
              + " visits, release: "
              + policy
              + ")");
    }
    for (int w = 1; w <= o.workers(); w++) {
      if (!keys.containsKey("worker" + w)) {
        JsonNode c = post(admin, "createContributor", Map.of("contributor", "worker" + w));
        keys.setProperty("worker" + w, c.get("key").asText());
        save(keys);
      }
    }
    JsonNode stats = post(admin, "stats", Map.of("run", RUN));
    if (stats.get("currentNetwork").isNull()) {
      String name = RUN + "-" + o.net() + "-s0-d0";
      Path file = o.data().resolve(name + ".bin.gz");
      exec(
          List.of(
              java(),
              "-Dai.djl.offline=true",
              "-cp",
              classpath("gpu-worker-image", "tengen-gpu-worker"),
              "org.tengen.worker.cli.WorkerCli",
              "init-network",
              "--name",
              name,
              "--out",
              file.toString()),
          o.data().resolve("init-network.log"),
          Map.of());
      byte[] bytes = Files.readAllBytes(file);
      try (S3Client s3 = cloud.s3()) {
        s3.putObject(
            p -> p.bucket(cloud.bucket()).key("networks/" + RUN + "/" + name + ".bin.gz"),
            RequestBody.fromBytes(bytes));
      }
      post(
          trainer,
          "registerNetwork",
          Map.of(
              "run",
              RUN,
              "name",
              name,
              "sha256",
              HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
              "bytes",
              bytes.length));
      System.out.println(
          "the first network: " + name + " (random trunk, uniform policy, even value)");
    }
  }

  private Process startWorker(int w, String key) throws IOException {
    Path dir = Files.createDirectories(o.data().resolve("workers/worker" + w));
    Path cfg = dir.resolve("contribute.cfg");
    Files.writeString(
        cfg,
        "serverUrl = "
            + functions.baseUri()
            + "\nusername = worker"
            + w
            + "\nrun = "
            + RUN
            + "\ndataDir = "
            + dir.resolve("data")
            + "\ndevice = cpu\nmaxSimultaneousGames = 8\nnnMaxBatchSize = 8\nprogressSeconds = 60\n"
            + "maxRatingGames = 2\n");
    ProcessBuilder pb =
        new ProcessBuilder(
            java(),
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-cp",
            classpath("gpu-worker-image", "tengen-gpu-worker"),
            "org.tengen.worker.cli.WorkerCli",
            "contribute",
            "-config",
            cfg.toString(),
            "--no-stdin");
    pb.environment().put("TENGEN_CONTRIBUTOR_KEY", key);
    pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.out").toFile()));
    return pb.start();
  }

  /**
   * Runs the training job whenever trainEvery new positions have come in and no candidate waits.
   */
  private void trainLoop(LocalCloud cloud) {
    Path marker = o.data().resolve("trained-at-positions");
    while (!stopping.get()) {
      try {
        Thread.sleep(15_000);
        long last =
            Files.isRegularFile(marker) ? Long.parseLong(Files.readString(marker).strip()) : 0;
        JsonNode stats = post(admin, "stats", Map.of("run", RUN));
        long positions = stats.at("/totals/positions").asLong();
        boolean candidate = false;
        for (JsonNode n : stats.get("networks")) {
          candidate |= n.get("status").asText().equals("CANDIDATE") && n.get("enabled").asBoolean();
        }
        if (candidate || positions - last < o.trainEvery()) {
          training =
              candidate
                  ? "waiting for the candidate's rating games"
                  : "waiting for data ("
                      + (positions - last)
                      + "/"
                      + o.trainEvery()
                      + " new positions)";
          continue;
        }
        int job = ++trainings;
        training = "training job " + job + " on " + positions + " positions";
        Path ml = o.data().resolve("training/job-" + String.format("%03d", job));
        Files.createDirectories(ml.resolve("input/config"));
        trainingLog = ml.resolve("train.log");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("run", RUN);
        h.put("architecture", o.net());
        h.put("steps", Integer.toString(o.trainSteps()));
        h.put("batch_size", "64");
        h.put("learning_rate", "0.001");
        h.put("window_rows", "200000");
        h.put("checkpoint_every", Integer.toString(Math.max(50, o.trainSteps() / 4)));
        h.put("log_every", "50");
        h.put("seed", Integer.toString(job));
        h.put("data_rows", Long.toString(positions));
        h.put("s3_bucket", cloud.bucket());
        h.put("s3_endpoint", cloud.s3Endpoint().toString());
        h.put("s3_train_prefix", "training_data/" + RUN + "/");
        h.put("continue_from_latest", "true");
        h.put("backend_url", functions.baseUri().toString());
        Files.writeString(
            ml.resolve("input/config/hyperparameters.json"), JSON.writeValueAsString(h));
        int code =
            exec(
                List.of(
                    java(),
                    "-Dai.djl.offline=true",
                    "-Dai.djl.pytorch.num_threads=1",
                    "-cp",
                    classpath("training-job", "tengen-training-job"),
                    "org.tengen.training.TrainMain",
                    "train",
                    "--ml-root",
                    ml.toString(),
                    "--device",
                    "cpu"),
                ml.resolve("train.log"),
                Map.of(
                    "TENGEN_TRAINER_KEY",
                    trainer,
                    "AWS_ACCESS_KEY_ID",
                    LocalCloud.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY",
                    LocalCloud.SECRET_KEY,
                    "AWS_REGION",
                    "us-east-1"));
        if (code == 0) {
          Files.writeString(marker, Long.toString(positions));
          training = "job " + job + " done: candidate registered";
        } else {
          training = "job " + job + " FAILED (see " + ml.resolve("train.log") + ")";
          Thread.sleep(60_000);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        training = "trainer error: " + e.getMessage();
      }
    }
  }

  private void status(Instant started) throws Exception {
    JsonNode s = post(admin, "stats", Map.of("run", RUN));
    JsonNode t = s.get("totals");
    double minutes = Math.max(1, Duration.between(started, Instant.now()).toSeconds()) / 60.0;
    if (gamesAtStart < 0) {
      gamesAtStart = t.get("games").asLong();
    }
    String last = "none yet";
    for (JsonNode n : s.get("networks")) {
      if (!n.get("decision").isNull()
          && !n.get("status").asText().equals("CANDIDATE")
          && !n.get("elo").isNull()) {
        last =
            String.format(
                Locale.ROOT,
                "%s %s (Elo %+.0f over %s, %d/%d/%d)",
                n.get("name").asText(),
                n.get("status").asText(),
                n.get("elo").asDouble(),
                n.get("decidedAgainst").asText(),
                n.get("ratingWins").asLong(),
                n.get("ratingLosses").asLong(),
                n.get("ratingDraws").asLong());
        break;
      }
    }
    String rating = "";
    for (JsonNode n : s.get("networks")) {
      if (n.get("status").asText().equals("CANDIDATE") && n.get("enabled").asBoolean()) {
        rating =
            String.format(
                Locale.ROOT,
                "; rating %s: %d/%d/%d of %d games",
                n.get("name").asText(),
                n.get("ratingWins").asLong(),
                n.get("ratingLosses").asLong(),
                n.get("ratingDraws").asLong(),
                o.ratingGames());
      }
    }
    int alive = (int) workers.stream().filter(Process::isAlive).count();
    List<String> block =
        List.of(
            String.format(
                Locale.ROOT,
                "[%s] %d/%d workers | network %s",
                clock(Duration.between(started, Instant.now())),
                alive,
                workers.size(),
                s.get("currentNetwork").asText()),
            String.format(
                Locale.ROOT,
                "  games %,d (%.0f/min this run) | positions %,d | uploads %d accepted, %d"
                    + " rejected | shards %d",
                t.get("games").asLong(),
                (t.get("games").asLong() - gamesAtStart) / minutes,
                t.get("positions").asLong(),
                t.get("accepted").asLong(),
                t.get("rejected").asLong(),
                t.get("shards").asLong()),
            "  trainer: " + training + trainingProgress() + rating,
            "  last decision: " + last);
    writeNetworks(s.get("networks"));
    // On a terminal the block is redrawn in place; in a log, it is appended.
    if (System.console() != null && blockLines > 0) {
      System.out.print("\033[" + blockLines + "A\033[J");
    }
    block.forEach(System.out::println);
    blockLines = block.size();
  }

  /** The running training job's last logged step and loss, from its log. */
  private String trainingProgress() {
    Path log = trainingLog;
    if (log == null || !training.startsWith("training job") || !Files.isRegularFile(log)) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        var m = TRAINING_STEP.matcher(lines.get(i));
        if (m.find()) {
          return ", step " + m.group(1) + ", loss " + m.group(2) + " (policy " + m.group(3) + ")";
        }
      }
    } catch (IOException e) {
      // the job is writing it; the next refresh reads it
    }
    return ", starting";
  }

  /** The networks as a table in the data folder (what {@code tengen strength} reads). */
  private void writeNetworks(JsonNode networks) throws IOException {
    StringBuilder b =
        new StringBuilder(
            "name\tstatus\telo\telo_lower\telo_upper\twins\tlosses\tdraws\tdecided_against\telo_over_first\n");
    for (JsonNode n : networks) {
      b.append(n.get("name").asText())
          .append('\t')
          .append(n.get("status").asText())
          .append('\t')
          .append(n.get("elo").isNull() ? "" : n.get("elo").asText())
          .append('\t')
          .append(n.get("eloLower").isNull() ? "" : n.get("eloLower").asText())
          .append('\t')
          .append(n.get("eloUpper").isNull() ? "" : n.get("eloUpper").asText())
          .append('\t')
          .append(n.get("ratingWins").asLong())
          .append('\t')
          .append(n.get("ratingLosses").asLong())
          .append('\t')
          .append(n.get("ratingDraws").asLong())
          .append('\t')
          .append(n.get("decidedAgainst").isNull() ? "" : n.get("decidedAgainst").asText())
          .append('\t')
          .append(n.get("ratingElo").isNull() ? "" : n.get("ratingElo").asText())
          .append('\n');
    }
    Path tmp = o.data().resolve("networks.tsv.tmp");
    Files.writeString(tmp, b);
    Files.move(
        tmp,
        o.data().resolve("networks.tsv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void summary(Instant started) throws Exception {
    JsonNode s = post(admin, "stats", Map.of("run", RUN));
    JsonNode t = s.get("totals");
    writeNetworks(s.get("networks"));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "local loop: %s; %,d games, %,d positions, %d shards; %d training job(s) this time%n",
        clock(Duration.between(started, Instant.now())),
        t.get("games").asLong(),
        t.get("positions").asLong(),
        t.get("shards").asLong(),
        trainings);
    long released = 0;
    for (JsonNode n : s.get("networks")) {
      released += n.get("status").asText().equals("RELEASED") ? 1 : 0;
      System.out.printf(
          Locale.ROOT,
          "  %-34s %-9s %s%s%n",
          n.get("name").asText(),
          n.get("status").asText(),
          n.get("elo").isNull()
              ? ""
              : String.format(
                  Locale.ROOT,
                  "Elo %+.0f (%+.0f .. %+.0f) over %s in %d games",
                  n.get("elo").asDouble(),
                  n.get("eloLower").asDouble(),
                  n.get("eloUpper").asDouble(),
                  n.get("decidedAgainst").asText(),
                  n.get("ratingWins").asLong()
                      + n.get("ratingLosses").asLong()
                      + n.get("ratingDraws").asLong()),
          n.get("ratingElo").isNull()
              ? ""
              : String.format(
                  Locale.ROOT, "; %+.0f over the first", n.get("ratingElo").asDouble()));
    }
    System.out.printf(
        Locale.ROOT, "%d network(s) released of %d%n", released, s.get("networks").size());
    System.out.println("state kept in " + o.data() + ": the next run continues from it");
  }

  private static String clock(Duration d) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  private JsonNode post(String key, String function, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(functions.baseUri().resolve("/" + function))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(r.body());
    if (r.statusCode() != 200 && !(r.statusCode() == 409 && function.equals("createRun"))) {
      throw new IOException(function + " answered " + r.statusCode() + ": " + r.body());
    }
    return answer;
  }

  private String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String classpath(String module, String artifact) {
    Path target = o.root().resolve(module).resolve("target");
    return target.resolve(artifact + "-0.1.0-SNAPSHOT.jar")
        + java.io.File.pathSeparator
        + target.resolve("lib")
        + "/*";
  }

  private int exec(List<String> command, Path log, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start().waitFor();
  }
}
