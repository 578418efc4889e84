package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.RandomGames;

/**
 * The worker's side of the upload protocol against a scripted fake backend (the real functions are
 * ContributeTest's): what it sends, in which order, and what becomes of the batch for each answer.
 */
class UploadSenderTest {

  private static final String ID = "0123456789abcdef0123456789abcdef";

  /** A recorded request: "PUT /s3/..." or "POST /confirmUpload". */
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** The scripted answer per path, given how often that path was called before (0-based). */
  private final Map<String, Function<Integer, String[]>> script = new ConcurrentHashMap<>();

  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String key = path.startsWith("/s3/") ? "PUT" : path;
    ex.getRequestBody().readAllBytes();
    calls.add(ex.getRequestMethod() + " " + path);
    int n = counts.merge(key, 1, Integer::sum) - 1;
    String[] a = script.getOrDefault(key, i -> new String[] {"500", "{}"}).apply(n);
    byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static String[] ok(String json) {
    return new String[] {"200", json};
  }

  private static String[] error(int status, String code) {
    return new String[] {
      Integer.toString(status), "{\"code\":\"" + code + "\",\"message\":\"scripted\"}"
    };
  }

  private static final String ACCEPTED =
      "{\"uploadId\":\""
          + ID
          + "\",\"outcome\":\"ACCEPTED\",\"repeated\":false,"
          + "\"shard\":\"training_data/r/games_00001.npz\",\"games\":1,\"positions\":9}";

  private String renewed() {
    return "{\"uploadId\":\""
        + ID
        + "\",\"url\":\""
        + base
        + "/s3/fresh\",\"expiresAt\":\""
        + Instant.now().plusSeconds(3600)
        + "\",\"maxBytes\":1000000}";
  }

  private record Setup(UploadQueue queue, UploadSender sender, WorkerTotals totals, Path results) {}

  private Setup setup(Path dir, Instant expiresAt) throws IOException {
    WorkerLog log = new WorkerLog(new PrintStream(new ByteArrayOutputStream()), dir.resolve("log"));
    BackendClient api =
        BackendClient.builder(base, "k")
            .backoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 1))
            .warnings(log::warn)
            .build();
    UploadQueue queue = new UploadQueue(dir.resolve("queue"));
    Path batch =
        queue.open(
            new UploadQueue.Target(
                ID, base + "/s3/first", expiresAt.toString(), "r", "r-b1c16-s0-d0"));
    queue.add(batch, 1, game());
    queue.seal(batch);
    Path results = Files.createDirectories(dir.resolve("rating-results"));
    WorkerTotals totals = new WorkerTotals();
    return new Setup(queue, new UploadSender(api, queue, results, log, totals), totals, results);
  }

  private static GameRecord game() {
    return RandomGames.play(9, Rules.chinese(), "r-b1c16-s0-d0", 3);
  }

  private static Instant later() {
    return Instant.now().plusSeconds(3600);
  }

  @Test
  void aBatchIsPutThenConfirmedAndLeavesTheQueue(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> ok(""));
    script.put("/confirmUpload", n -> ok(ACCEPTED));
    assertTrue(s.sender().drain(3));
    assertEquals(List.of("PUT /s3/first", "POST /confirmUpload"), calls);
    assertEquals(1, s.totals().accepted.get());
    assertTrue(s.queue().sealed().isEmpty());
  }

  @Test
  void aRefusedUrlIsRenewedAndThePutRepeated(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> n == 0 ? new String[] {"403", "<Error>expired</Error>"} : ok(""));
    script.put("/renewUpload", n -> ok(renewed()));
    script.put("/confirmUpload", n -> ok(ACCEPTED));
    assertTrue(s.sender().drain(3));
    assertEquals(
        List.of("PUT /s3/first", "POST /renewUpload", "PUT /s3/fresh", "POST /confirmUpload"),
        calls);
    assertEquals(1, s.totals().accepted.get());
  }

  @Test
  void aTargetAboutToExpireIsRenewedFirst(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, Instant.now().plusSeconds(10));
    script.put("PUT", n -> ok(""));
    script.put("/renewUpload", n -> ok(renewed()));
    script.put("/confirmUpload", n -> ok(ACCEPTED));
    assertTrue(s.sender().drain(3));
    assertEquals(List.of("POST /renewUpload", "PUT /s3/fresh", "POST /confirmUpload"), calls);
  }

  @Test
  void anUploadConfirmedBeforeAStopIsNotPutAgain(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, Instant.now().plusSeconds(10));
    script.put("/renewUpload", n -> error(409, "UPLOAD_FINISHED"));
    script.put(
        "/confirmUpload", n -> ok(ACCEPTED.replace("\"repeated\":false", "\"repeated\":true")));
    assertTrue(s.sender().drain(3));
    assertEquals(List.of("POST /renewUpload", "POST /confirmUpload"), calls);
    assertTrue(s.queue().sealed().isEmpty());
  }

  @Test
  void aMissingObjectIsPutAgainBeforeTheSecondConfirm(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> ok(""));
    script.put("/confirmUpload", n -> n == 0 ? error(409, "UPLOAD_MISSING") : ok(ACCEPTED));
    assertTrue(s.sender().drain(3));
    assertEquals(
        List.of("PUT /s3/first", "POST /confirmUpload", "PUT /s3/first", "POST /confirmUpload"),
        calls);
  }

  @Test
  void aBatchRefusedForGoodIsSetAsideNotLost(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> ok(""));
    script.put("/confirmUpload", n -> error(403, "UPLOAD_NOT_YOURS"));
    assertTrue(s.sender().drain(3));
    assertTrue(s.queue().sealed().isEmpty());
    assertTrue(
        Files.isRegularFile(dir.resolve("failed-uploads").resolve(ID).resolve("batch.json.gz")),
        "the batch is kept");
    assertEquals(0, s.totals().accepted.get());
  }

  @Test
  void aRejectionIsCountedAndTheBatchLeaves(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> ok(""));
    script.put(
        "/confirmUpload",
        n ->
            ok(
                "{\"uploadId\":\""
                    + ID
                    + "\",\"outcome\":\"REJECTED\",\"repeated\":false,\"games\":0,"
                    + "\"positions\":0,\"reasons\":[{\"code\":\"MOVE_ILLEGAL\",\"path\":"
                    + "\"games[0].moves[3]\",\"message\":\"occupied\"}]}"));
    assertTrue(s.sender().drain(3));
    assertEquals(1, s.totals().rejected.get());
    assertTrue(s.queue().sealed().isEmpty());
  }

  @Test
  void anUnavailableBackendLeavesTheBatchQueued(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    script.put("PUT", n -> ok(""));
    script.put("/confirmUpload", n -> error(503, "STORAGE_UNAVAILABLE"));
    assertFalse(s.sender().drain(3));
    assertEquals(1, s.queue().sealed().size());
    assertEquals(3, counts.get("/confirmUpload"));
  }

  @Test
  void ratingResultsAreReportedOnceAndThenRemoved(@TempDir Path dir) throws Exception {
    Setup s = setup(dir, later());
    s.queue().done(s.queue().sealed().get(0));
    Files.writeString(
        s.results().resolve("t1.json"),
        "{\"run\":\"r\",\"taskId\":\"t1\",\"games\":[{\"gameId\":\"t1-0\","
            + "\"moves\":[\"pass\",\"pass\"],\"result\":\"W+7.5\"}]}");
    Files.writeString(
        s.results().resolve("t2.json"),
        "{\"run\":\"r\",\"taskId\":\"t2\",\"games\":[{\"gameId\":\"t2-0\","
            + "\"moves\":[\"pass\",\"pass\"],\"result\":\"W+7.5\"}]}");
    Files.writeString(s.results().resolve("t3.json"), "{\"run\":\"r\",\"taskId\":");
    script.put(
        "/recordMatchResult",
        n ->
            n == 0
                ? ok(
                    "{\"candidate\":\"c\",\"baseline\":\"b\",\"wins\":1,\"losses\":0,\"draws\":0,"
                        + "\"outcome\":\"CONTINUE\",\"status\":\"CANDIDATE\"}")
                : error(400, "RESULTS_INVALID"));
    assertTrue(s.sender().drain(3));
    assertEquals(List.of("POST /recordMatchResult", "POST /recordMatchResult"), calls);
    try (var left = Files.list(s.results())) {
      assertEquals(0, left.count(), "reported, refused and unreadable results are all gone");
    }
  }
}
