package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker waits as long as the backend asks (Retry-After), and gives up on a final answer. */
class ServerApiTest {

  /** A backend that answers with the given statuses in turn, Retry-After: 1 on each 429/503. */
  private static HttpServer backend(List<Integer> statuses, List<Long> times) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/stats",
        ex -> {
          times.add(System.nanoTime());
          int status = statuses.get(Math.min(times.size() - 1, statuses.size() - 1));
          byte[] body =
              (status == 200 ? "{\"ok\":true}" : "{\"code\":\"QUOTA\",\"message\":\"wait\"}")
                  .getBytes(StandardCharsets.UTF_8);
          if (status == 429 || status == 503) {
            ex.getResponseHeaders().add("Retry-After", "1");
          }
          ex.sendResponseHeaders(status, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static ServerApi api(HttpServer server, Path dir) throws Exception {
    WorkerLog log = new WorkerLog(new PrintStream(new ByteArrayOutputStream()), dir.resolve("log"));
    return new ServerApi(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        "k",
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(10), 1),
        () -> false,
        log);
  }

  @Test
  void aRetryAfterIsWaitedOutBeforeTheRepeat(@TempDir Path dir) throws Exception {
    List<Long> times = new ArrayList<>();
    HttpServer server = backend(List.of(429, 503, 200), times);
    try {
      assertTrue(api(server, dir).call("stats", Map.of(), 5).path("ok").asBoolean());
      assertEquals(3, times.size());
      for (int i = 1; i < 3; i++) {
        long waited = (times.get(i) - times.get(i - 1)) / 1_000_000;
        // the backoff alone would be at most 10 ms
        assertTrue(waited >= 950, "waited " + waited + " ms before repeat " + i);
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFinalAnswerIsNotRepeated(@TempDir Path dir) throws Exception {
    List<Long> times = new ArrayList<>();
    HttpServer server = backend(List.of(403), times);
    try {
      ServerApi.ApiError e =
          assertThrows(ServerApi.ApiError.class, () -> api(server, dir).call("stats", Map.of(), 5));
      assertEquals(403, e.status());
      assertEquals(1, times.size());
    } finally {
      server.stop(0);
    }
  }
}
