package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.WireFormat;
import org.tengen.localstack.FunctionsProcess;
import org.tengen.localstack.LocalCloud;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;
import org.tengen.worker.cli.WorkerCli;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The worker against the real backend: the packaged functions over the embedded local cloud. A
 * worker plays, uploads and gets its batches accepted; a kill -9 during a backend outage loses no
 * finished batch; SIGTERM in the middle of a batch keeps the games that finished.
 */
class ContributeTest {

  private static final String RUN = "cw1";
  private static final String NET = "cw1-b1c16-s0-d0";
  private static final String ADMIN = "contribute-test-admin";
  private static final String TRAINER = "contribute-test-trainer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalCloud cloud;
  private static FunctionsProcess functions;
  private static String key;
  private static int contributors;

  @BeforeAll
  static void startBackend(@TempDir Path dir) throws Exception {
    Path jar = FunctionsProcess.defaultJar();
    Assumptions.assumeTrue(
        Files.isRegularFile(jar),
        "the packaged functions are missing at "
            + jar
            + " (a reactor build, mvn verify from the root, packages them first)");
    cloud = LocalCloud.start(LocalCloud.Options.inMemory());
    functions = new FunctionsProcess(jar, cloud, ADMIN, TRAINER).start();
    functions.awaitReady(Duration.ofMinutes(2));
    admin("createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:8\",\"gamesPerBatch\":2}");
    Path file = dir.resolve(NET + ".bin.gz");
    try (Network net = Network.random(NetworkName.parse(NET), 7, Device.cpu())) {
      NetworkFile.save(net, file);
    }
    byte[] bytes = Files.readAllBytes(file);
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key("networks/" + RUN + "/" + NET + ".bin.gz"),
          RequestBody.fromBytes(bytes));
    }
    call(
        TRAINER,
        "registerNetwork",
        "{\"run\":\""
            + RUN
            + "\",\"name\":\""
            + NET
            + "\",\"sha256\":\""
            + NetworkFile.sha256(bytes)
            + "\",\"bytes\":"
            + bytes.length
            + "}");
  }

  @AfterAll
  static void stopBackend() throws Exception {
    if (functions != null) {
      functions.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  private static HttpResponse<String> post(String key, String function, String json)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(functions.baseUri().resolve("/" + function))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode call(String key, String function, String json) throws Exception {
    HttpResponse<String> r = post(key, function, json);
    assertEquals(200, r.statusCode(), function + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static JsonNode admin(String function, String json) throws Exception {
    return call(ADMIN, function, json);
  }

  private static String newContributor() throws Exception {
    String name = "cw" + (++contributors);
    return admin("createContributor", "{\"contributor\":\"" + name + "\"}").get("key").asText();
  }

  private static JsonNode stats() throws Exception {
    return admin("stats", "{\"run\":\"" + RUN + "\"}");
  }

  /** Confirms an upload (again): a repeat returns the verdict the first confirm got. */
  private static HttpResponse<String> confirm(String key, String uploadId) throws Exception {
    return post(key, "confirmUpload", "{\"uploadId\":\"" + uploadId + "\"}");
  }

  /**
   * Games of an accepted upload that met another upload's game move for move: they arrived, but the
   * backend keeps the first and names it instead of counting the game twice. The test network is
   * random and its policy sharp, so two games now and then meet (about one in a hundred).
   */
  private static int repeatsOfOtherUploads(JsonNode answer, String uploadId) {
    int n = 0;
    for (JsonNode reason : answer.get("reasons")) {
      if (reason.get("code").asText().equals("GAME_DUPLICATE")
          && !reason.get("message").asText().endsWith(uploadId)) {
        n++;
      }
    }
    return n;
  }

  private static Path config(Path dir, String name, String extra) throws Exception {
    Path cfg = dir.resolve("contribute.cfg");
    StringBuilder text = new StringBuilder("# test worker\n");
    text.append("serverUrl = ").append(functions.baseUri()).append('\n');
    text.append("username = ").append(name).append('\n');
    text.append("dataDir = ").append(dir.resolve("data")).append('\n');
    text.append("run = ").append(RUN).append('\n');
    for (String line :
        List.of(
            "maxSimultaneousGames = 2",
            "nnMaxBatchSize = 4",
            "progressSeconds = 1",
            "maxRatingGames = 0",
            "device = cpu")) {
      if (!extra.contains(line.substring(0, line.indexOf(' ')) + " ")) {
        text.append(line).append('\n');
      }
    }
    Files.writeString(cfg, text + extra);
    return cfg;
  }

  private static ContributeConfig load(Path cfg, String key) throws Exception {
    return ContributeConfig.load(cfg, Map.of(ContributeConfig.KEY_VARIABLE, key));
  }

  private static int runInProcess(ContributeConfig c, boolean drain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WorkerLog log =
        new WorkerLog(new PrintStream(out, true), c.dataDir().resolve("worker.log"))) {
      int code = new Contributor(c, log, WorkerCli::load).run(drain);
      System.err.print(out);
      return code;
    }
  }

  private static Optional<Path> find(Path dir, String name) throws Exception {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals(name)).findFirst();
    }
  }

  private static Path await(Path dir, String name, Process worker, Duration timeout)
      throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Optional<Path> p = find(dir, name);
      if (p.isPresent()) {
        return p.get();
      }
      assertTrue(worker.isAlive(), "the worker exited early; see its log under " + dir);
      Thread.sleep(50);
    }
    throw new AssertionError("no " + name + " under " + dir + " within " + timeout);
  }

  private static Process spawnWorker(Path cfg, String key, Path dir) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            "org.tengen.worker.cli.WorkerCli",
            "contribute",
            "-config",
            cfg.toString(),
            "--no-stdin");
    pb.environment().put(ContributeConfig.KEY_VARIABLE, key);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("worker.out").toFile());
    return pb.start();
  }

  @Test
  void aWorkerPlaysUploadsAndGetsItsBatchesAccepted(@TempDir Path dir) throws Exception {
    String key = newContributor();
    long before = stats().get("totals").get("accepted").asLong();
    ContributeConfig c = load(config(dir, "cw" + contributors, "maxBatches = 2\n"), key);
    assertEquals(0, runInProcess(c, false));
    JsonNode totals = stats().get("totals");
    assertEquals(before + 2, totals.get("accepted").asLong());
    assertTrue(Files.readString(c.dataDir().resolve("worker.log")).contains("accepted as"));
    assertTrue(new UploadQueue(c.dataDir().resolve("queue")).sealed().isEmpty());
    // The network was fetched once, checked, and is cached by name.
    assertTrue(Files.isRegularFile(c.dataDir().resolve("networks").resolve(NET + ".bin.gz")));
  }

  @Test
  void aKillDuringAnOutageLosesNoFinishedBatch(@TempDir Path dir) throws Exception {
    String key = newContributor();
    String name = "cw" + contributors;
    Path cfg = config(dir, name, "maxBatches = 1\n");
    long before = stats().get("totals").get("games").asLong();
    Process worker = spawnWorker(cfg, key, dir);
    Path batch;
    try {
      // The task is taken: now the backend goes away.
      await(dir.resolve("data").resolve("queue"), "task.json", worker, Duration.ofMinutes(3));
      functions.stop();
      batch =
          await(
              dir.resolve("data").resolve("queue"), "batch.json.gz", worker, Duration.ofMinutes(3));
      Thread.sleep(1500); // the worker is retrying its confirm against the missing backend
      worker.destroyForcibly().waitFor(); // kill -9
      assertTrue(Files.isRegularFile(batch), "the finished batch survived the kill");
    } finally {
      worker.destroyForcibly();
      if (!isUp()) {
        functions.start().awaitReady(Duration.ofMinutes(2));
      }
    }
    // A new worker process uploads it: accepted, each of its games counted once (a game that met
    // an earlier upload's move for move is named, not counted again).
    int sealedGames;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(batch))) {
      sealedGames = WireFormat.mapper().readValue(in, GameBatch.class).games().size();
    }
    assertTrue(sealedGames >= 1 && sealedGames <= 2, sealedGames + " games sealed");
    ContributeConfig c = load(cfg, key);
    assertEquals(0, runInProcess(c, true));
    String uploadId = batch.getParent().getFileName().toString();
    HttpResponse<String> r = confirm(key, uploadId);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = JSON.readTree(r.body());
    assertEquals("ACCEPTED", answer.get("outcome").asText(), r.body());
    assertEquals(
        sealedGames,
        answer.get("games").asInt() + repeatsOfOtherUploads(answer, uploadId),
        r.body());
    assertEquals(
        before + answer.get("games").asLong(), stats().get("totals").get("games").asLong());
    assertTrue(new UploadQueue(c.dataDir().resolve("queue")).sealed().isEmpty());
  }

  @Test
  void sigtermInTheMiddleOfABatchKeepsTheFinishedGames(@TempDir Path dir) throws Exception {
    String key = newContributor();
    Path cfg = config(dir, "cw" + contributors, "gamesPerBatch = 6\nmaxSimultaneousGames = 1\n");
    long before = stats().get("totals").get("games").asLong();
    Process worker = spawnWorker(cfg, key, dir);
    try {
      await(dir.resolve("data").resolve("queue"), "00001.json.gz", worker, Duration.ofMinutes(3));
      worker.destroy(); // SIGTERM
      assertTrue(worker.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "ended within 60 s");
    } finally {
      worker.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("worker.out"));
    assertTrue(out.contains("stopping (signal)"), out);
    // Whatever the stop did not upload, a drain does; at least the first game arrives, fewer than
    // the six asked for.
    assertEquals(0, runInProcess(load(cfg, key), true));
    long games = stats().get("totals").get("games").asLong() - before;
    assertTrue(games >= 1 && games < 6, games + " games arrived");
  }

  @Test
  void aRatingTaskIsPlayedAndItsResultsReported(@TempDir Path dir) throws Exception {
    String candidate = "cw1-b1c16-s512-d100";
    Path file = dir.resolve(candidate + ".bin.gz");
    try (Network net = Network.random(NetworkName.parse(candidate), 8, Device.cpu())) {
      NetworkFile.save(net, file);
    }
    byte[] bytes = Files.readAllBytes(file);
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key("networks/" + RUN + "/" + candidate + ".bin.gz"),
          RequestBody.fromBytes(bytes));
    }
    JsonNode registered =
        call(
            TRAINER,
            "registerNetwork",
            "{\"run\":\""
                + RUN
                + "\",\"name\":\""
                + candidate
                + "\",\"sha256\":\""
                + NetworkFile.sha256(bytes)
                + "\",\"bytes\":"
                + bytes.length
                + "}");
    assertEquals("CANDIDATE", registered.get("status").asText());
    // Two workers, each its own contributor: the backend counts no contributor's games alone.
    for (int worker = 0; worker < 2; worker++) {
      String key = newContributor();
      Path cfg =
          config(
              Files.createDirectories(dir.resolve("w" + worker)),
              "cw" + contributors,
              "maxRatingGames = 2\nonlyRatingGames = true\nmaxBatches = 1\n"
                  + "nnMaxBatchSize = auto\nmaxSimultaneousGames = 8\n");
      ContributeConfig c = load(cfg, key);
      assertEquals(0, runInProcess(c, false));
      // Both networks are b1c16 on the same board: the batch size is measured once, over the
      // sizes that 8 games at once can fill.
      List<String> tuned =
          Files.readAllLines(c.dataDir().resolve("worker.log")).stream()
              .filter(l -> l.contains("nnMaxBatchSize = auto: "))
              .toList();
      assertEquals(1, tuned.size(), tuned.toString());
      assertTrue(
          tuned.get(0).contains("b1c16 on 9x9") && tuned.get(0).contains("(4: "), tuned.get(0));
      try (Stream<Path> left = Files.list(c.dataDir().resolve("rating-results"))) {
        assertEquals(0, left.count(), "reported results leave the disk");
      }
    }
    // The backend replayed and counted the four records the workers sent.
    JsonNode d =
        admin("decideRelease", "{\"run\":\"" + RUN + "\",\"candidate\":\"" + candidate + "\"}");
    assertEquals(
        4, d.get("wins").asInt() + d.get("losses").asInt() + d.get("draws").asInt(), d.toString());
  }

  /**
   * kill -9 at random moments, many times over: every game a worker finished arrives once. A poller
   * notes each task folder and finished game the worker has on disk; after the cycles a last worker
   * drains the queue. Then each task the worker took is either accepted (with at least the games
   * seen for it) or was never uploaded because none of its games finished; nothing is left queued
   * or set aside; and the server counted no duplicate, no rejection, and exactly the games of the
   * accepted uploads. {@code -Dtengen.kill-cycles=N} runs more cycles (docs/reliability.md).
   */
  @Test
  void killedAtRandomOverManyCyclesEveryFinishedGameArrivesOnce(@TempDir Path dir)
      throws Exception {
    int cycles = Integer.getInteger("tengen.kill-cycles", 8);
    String key = newContributor();
    String name = "cw" + contributors;
    Path cfg = config(dir, name, "maxSimultaneousGames = 2\n");
    Path queue = dir.resolve("data").resolve("queue");
    Map<String, java.util.Set<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean watching =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread poller =
        new Thread(
            () -> {
              while (watching.get()) {
                try (Stream<Path> tasks = Files.list(queue)) {
                  for (Path task : tasks.toList()) {
                    if (!task.getFileName().toString().matches("[0-9a-f]{32}")) {
                      continue;
                    }
                    java.util.Set<String> games =
                        seen.computeIfAbsent(
                            task.getFileName().toString(),
                            k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
                    Path folder = task.resolve("games");
                    if (Files.isDirectory(folder)) {
                      try (Stream<Path> g = Files.list(folder)) {
                        g.map(p -> p.getFileName().toString())
                            .filter(f -> f.matches("\\d+\\.json\\.gz"))
                            .forEach(games::add);
                      }
                    }
                  }
                } catch (IOException | java.io.UncheckedIOException e) {
                  // the worker renamed or deleted something while it was listed: look again
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    poller.setDaemon(true);
    poller.start();
    java.util.SplittableRandom random = new java.util.SplittableRandom(2026);
    try {
      for (int cycle = 0; cycle < cycles; cycle++) {
        Process worker = spawnWorker(cfg, key, dir);
        try {
          Thread.sleep(1500 + random.nextInt(6000));
        } finally {
          worker.destroyForcibly().waitFor(); // kill -9
        }
      }
      assertEquals(0, runInProcess(load(cfg, key), true), "the last worker drains the queue");
    } finally {
      watching.set(false);
      poller.join();
    }
    UploadQueue left = new UploadQueue(queue);
    assertTrue(left.sealed().isEmpty(), "nothing sealed is left");
    assertTrue(
        !Files.isDirectory(dir.resolve("data").resolve("failed-uploads"))
            || Files.list(dir.resolve("data").resolve("failed-uploads")).findAny().isEmpty(),
        "nothing was set aside");
    long acceptedGames = 0;
    int acceptedUploads = 0;
    int finishedGames = 0;
    for (Map.Entry<String, java.util.Set<String>> task : seen.entrySet()) {
      HttpResponse<String> r = confirm(key, task.getKey());
      JsonNode answer = JSON.readTree(r.body());
      finishedGames += task.getValue().size();
      if (r.statusCode() == 200) {
        assertEquals("ACCEPTED", answer.get("outcome").asText(), task.getKey() + ": " + r.body());
        assertTrue(
            answer.get("games").asInt() + repeatsOfOtherUploads(answer, task.getKey())
                >= task.getValue().size(),
            task.getKey() + ": " + task.getValue() + " seen, " + r.body());
        acceptedGames += answer.get("games").asInt();
        acceptedUploads++;
      } else {
        assertEquals(
            "UPLOAD_MISSING", answer.get("code").asText(), task.getKey() + ": " + r.body());
        assertEquals(Set.of(), task.getValue(), task.getKey() + " had finished games");
      }
    }
    JsonNode me = null;
    for (JsonNode c : stats().get("contributors")) {
      if (c.get("contributor").asText().equals(name)) {
        me = c;
      }
    }
    assertTrue(me != null && acceptedUploads > 0, "uploads arrived: " + seen);
    assertEquals(acceptedUploads, me.get("accepted").asInt(), "each upload accepted once");
    assertEquals(acceptedGames, me.get("games").asLong(), "each game counted once");
    assertEquals(0, me.get("rejected").asInt());
    System.err.printf(
        "kill -9 cycles: %d; tasks taken %d, uploads accepted %d, games %d (%d seen on disk)%n",
        cycles, seen.size(), acceptedUploads, acceptedGames, finishedGames);
  }

  private static boolean isUp() {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(functions.baseUri() + "/whoami"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
