package org.tengen.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A headless Chromium driven over the W3C WebDriver protocol by Debian's {@code chromedriver}
 * (packages {@code chromium} and {@code chromium-driver}), with plain HTTP and no client library.
 */
final class Chromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Debian's packages first; then what GitHub's Ubuntu runners carry (Google Chrome, and the
  // driver in $CHROMEWEBDRIVER); TENGEN_CHROMEDRIVER and TENGEN_CHROME override both.
  private static final List<String> DRIVERS =
      candidates(
          "TENGEN_CHROMEDRIVER",
          "/usr/bin/chromedriver",
          "/usr/lib/chromium/chromedriver",
          System.getenv("CHROMEWEBDRIVER") == null
              ? null
              : System.getenv("CHROMEWEBDRIVER") + "/chromedriver");
  private static final List<String> BROWSERS =
      candidates(
          "TENGEN_CHROME",
          "/usr/bin/chromium",
          "/usr/lib/chromium/chromium",
          "/usr/bin/google-chrome");

  private static List<String> candidates(String override, String... paths) {
    List<String> out = new java.util.ArrayList<>();
    if (System.getenv(override) != null) {
      out.add(System.getenv(override));
    }
    for (String p : paths) {
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private final Process driver;
  private final URI session;
  private final HttpClient http = HttpClient.newHttpClient();

  private Chromium(Process driver, URI session) {
    this.driver = driver;
    this.session = session;
  }

  /** Why Chromium cannot run here, or empty if it can. */
  static Optional<String> unavailable() {
    if (find(DRIVERS).isEmpty()) {
      return Optional.of(
          "chromedriver is not installed (Debian: apt-get install chromium chromium-driver;"
              + " ./tengen test installs them where it can)");
    }
    if (find(BROWSERS).isEmpty()) {
      return Optional.of("chromium is not installed (Debian: apt-get install chromium)");
    }
    return Optional.empty();
  }

  private static Optional<String> find(List<String> candidates) {
    return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
  }

  static Chromium start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process driver =
        new ProcessBuilder(find(DRIVERS).orElseThrow(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      try {
        http.send(
            HttpRequest.newBuilder(base.resolve("/status")).build(),
            HttpResponse.BodyHandlers.discarding());
        break;
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline) || !driver.isAlive()) {
          driver.destroyForcibly();
          throw new IOException("chromedriver did not start on port " + port, e);
        }
        Thread.sleep(100);
      }
    }
    Map<String, Object> capabilities =
        Map.of(
            "capabilities",
            Map.of(
                "alwaysMatch",
                Map.of(
                    "browserName",
                    "chrome",
                    "goog:chromeOptions",
                    Map.of(
                        "binary",
                        find(BROWSERS).orElseThrow(),
                        "args",
                        List.of(
                            "--headless=new",
                            // CI containers run as root, where Chromium's sandbox cannot start.
                            "--no-sandbox",
                            "--disable-dev-shm-usage",
                            "--disable-gpu",
                            "--window-size=1280,1600")))));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(capabilities)))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(r.body()).get("value");
    if (r.statusCode() != 200 || answer == null || !answer.has("sessionId")) {
      driver.destroyForcibly();
      throw new IOException("chromedriver refused a session: " + r.body());
    }
    return new Chromium(driver, base.resolve("/session/" + answer.get("sessionId").asText() + "/"));
  }

  private JsonNode command(String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(session.resolve(path)).timeout(Duration.ofSeconds(60));
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode value = JSON.readTree(r.body()).get("value");
    if (r.statusCode() != 200) {
      throw new IOException(method + " " + path + ": " + r.body());
    }
    return value;
  }

  void open(String url) throws IOException, InterruptedException {
    command("POST", "url", Map.of("url", url));
  }

  /** Runs a script's body ({@code return …}) in the page and returns its value as JSON. */
  JsonNode eval(String script) throws IOException, InterruptedException {
    return command("POST", "execute/sync", Map.of("script", script, "args", List.of()));
  }

  /** Evaluates the script until its value passes the test; fails with the last value. */
  JsonNode await(String script, Predicate<JsonNode> test, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode value = eval(script);
    while (!test.test(value)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("after " + timeout + ", `" + script + "` is still " + value);
      }
      Thread.sleep(200);
      value = eval(script);
    }
    return value;
  }

  /** A PNG of the window (for the docs and for looking at a failure). */
  byte[] screenshot() throws IOException, InterruptedException {
    return java.util.Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
  }

  @Override
  public void close() {
    // DELETE /session/{id}, without the trailing slash of the commands' base: chromedriver answers
    // that form with 404 and leaves the browser running after the driver is gone.
    String id = session.toString().replaceAll("/$", "");
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(id)).timeout(Duration.ofSeconds(30)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      // the driver goes anyway
    }
    driver.destroy();
    try {
      driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    driver.destroyForcibly();
  }
}
