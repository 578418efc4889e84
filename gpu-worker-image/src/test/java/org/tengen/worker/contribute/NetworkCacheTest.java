package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;

/** Downloads resume after a cut, are checked, and never leave a broken file under its name. */
class NetworkCacheTest {

  private HttpServer server;
  private final byte[] file = new byte[300_000];
  private final List<String> ranges = new ArrayList<>();
  private volatile boolean cutFirst = true;

  @BeforeEach
  void serve() throws IOException {
    new Random(5).nextBytes(file);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/net",
        ex -> {
          String range = ex.getRequestHeaders().getFirst("Range");
          ranges.add(String.valueOf(range));
          int from = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D+(\\d+)-.*", "$1"));
          ex.sendResponseHeaders(range == null ? 200 : 206, file.length - from);
          try (OutputStream out = ex.getResponseBody()) {
            if (cutFirst) {
              cutFirst = false;
              out.write(file, from, 100_000);
              out.flush();
              ex.getHttpContext().getServer(); // keep the exchange as is
              throw new IOException("connection cut");
            }
            out.write(file, from, file.length - from);
          }
        });
    // A download that does not end where the task says it does.
    server.createContext(
        "/big",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked: no length announced
          try (OutputStream out = ex.getResponseBody()) {
            out.write(file);
            out.write(new byte[1_000_000]);
          } catch (IOException e) {
            // the worker stopped reading, as it should
          }
        });
    server.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().add("Location", "/net");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private NetworkCache cache(Path dir) throws IOException {
    WorkerLog log = new WorkerLog(new PrintStream(new ByteArrayOutputStream()), dir.resolve("log"));
    BackendClient api =
        BackendClient.builder(URI.create("http://127.0.0.1:1/"), "k")
            .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 1))
            .warnings(log::warn)
            .build();
    return new NetworkCache(dir.resolve("networks"), api, 2, log);
  }

  private URI url() {
    return url("/net");
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The refusal of a download from {@code url}, which must be refused. */
  private BackendClient.Refused refused(Path dir, URI url) {
    return assertThrows(
        BackendClient.Refused.class,
        () -> cache(dir).get("r-b1c16-s0-d0", url, file.length, sha()),
        url.toString());
  }

  private String sha() throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
  }

  @Test
  void aCutDownloadResumesWhereItStopped(@TempDir Path dir) throws Exception {
    Path got = cache(dir).get("r-b1c16-s0-d0", url(), file.length, sha());
    assertArrayEquals(file, Files.readAllBytes(got));
    assertEquals("null", ranges.get(0));
    assertTrue(ranges.get(ranges.size() - 1).startsWith("bytes="), ranges.toString());
    assertFalse(Files.exists(got.resolveSibling("r-b1c16-s0-d0.bin.gz.part")));
    // Cached: no second download.
    int requests = ranges.size();
    cache(dir).get("r-b1c16-s0-d0", url(), file.length, sha());
    assertEquals(requests, ranges.size());
  }

  @Test
  void aFileThatDoesNotMatchIsRefusedAndNotKept(@TempDir Path dir) throws Exception {
    cutFirst = false;
    IOException e =
        assertThrows(
            IOException.class,
            () -> cache(dir).get("r-b1c16-s0-d0", url(), file.length, "00".repeat(32)));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("networks").resolve("r-b1c16-s0-d0.bin.gz")));
    assertThrows(
        IllegalArgumentException.class,
        () -> cache(dir).get("../../etc/passwd", url(), file.length, sha()));
  }

  @Test
  void aDownloadLargerThanTheTaskSaysIsCutOffAndNotKept(@TempDir Path dir) throws Exception {
    BackendClient.Refused e = refused(dir, url("/big"));
    assertTrue(e.getMessage().contains("larger than the task's"), e.getMessage());
    try (var left = Files.list(dir.resolve("networks"))) {
      assertEquals(0, left.count(), "neither the file nor its .part stays");
    }
  }

  @Test
  void aRedirectIsNotFollowed(@TempDir Path dir) throws Exception {
    BackendClient.Refused e = refused(dir, url("/moved"));
    assertEquals(302, e.status());
    assertTrue(ranges.isEmpty(), "the redirect's target was never asked: " + ranges);
  }

  @Test
  void plainHttpIsRefusedExceptOnLoopback(@TempDir Path dir) throws Exception {
    for (String url :
        List.of("http://example.com/net", "ftp://127.0.0.1/net", "file:///etc/passwd")) {
      BackendClient.Refused e = refused(dir, URI.create(url));
      assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
    NetworkCache.checkUrl(URI.create("https://bucket.s3.amazonaws.com/networks/x.bin.gz"));
    NetworkCache.checkUrl(URI.create("http://localhost:9000/x"));
    NetworkCache.checkUrl(URI.create("http://127.0.0.1:9000/x"));
  }
}
