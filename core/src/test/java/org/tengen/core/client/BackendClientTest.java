package org.tengen.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.IdentityApi.WhoamiRequest;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskKind;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;
import org.tengen.core.api.UploadApi.Outcome;

/**
 * The one backend client: waits as long as the backend asks (Retry-After), gives up on a final
 * answer, reads typed answers leniently, and reports every attempt.
 */
class BackendClientTest {

  private record Answer(int status, String body, String retryAfter) {}

  private HttpServer server;
  private final List<Long> times = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  /** A backend whose n-th answer (0-based) to {@code path} is {@code answers.apply(n)}. */
  private URI backend(String path, IntFunction<Answer> answers) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        path,
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          times.add(System.nanoTime());
          Answer a = answers.apply(times.size() - 1);
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          if (a.retryAfter() != null) {
            ex.getResponseHeaders().add("Retry-After", a.retryAfter());
          }
          ex.sendResponseHeaders(a.status(), body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static BackendClient.Builder client(URI base) {
    return BackendClient.builder(base, "k")
        .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(10), 1));
  }

  private static final String WAIT = "{\"code\":\"QUOTA_UPLOADS\",\"message\":\"wait\"}";

  @Test
  void aRetryAfterIsWaitedOutBeforeTheRepeat() throws Exception {
    URI base =
        backend(
            "/whoami",
            n ->
                switch (n) {
                  case 0 -> new Answer(429, WAIT, "1");
                  case 1 -> new Answer(503, WAIT, "1");
                  default -> new Answer(200, "{\"contributor\":\"alice\"}", null);
                });
    List<String> warnings = new ArrayList<>();
    BackendClient api = client(base).warnings(warnings::add).build();
    assertEquals("alice", api.call(Endpoints.WHOAMI, new WhoamiRequest(), 5).contributor());
    assertEquals(3, times.size());
    for (int i = 1; i < 3; i++) {
      long waited = (times.get(i) - times.get(i - 1)) / 1_000_000;
      // the backoff alone would be at most 10 ms
      assertTrue(waited >= 950, "waited " + waited + " ms before repeat " + i);
    }
    assertEquals(2, warnings.size(), warnings.toString());
  }

  @Test
  void aFinalAnswerIsNotRepeated() throws Exception {
    URI base =
        backend(
            "/whoami",
            n -> new Answer(403, "{\"code\":\"AUTH_FORBIDDEN\",\"message\":\"no\"}", null));
    BackendClient.Refused e =
        assertThrows(
            BackendClient.Refused.class,
            () -> client(base).build().call(Endpoints.WHOAMI, new WhoamiRequest(), 5));
    assertEquals(403, e.status());
    assertEquals(ErrorCode.AUTH_FORBIDDEN, e.code());
    assertEquals(1, times.size());
  }

  @Test
  void transientFailuresUseUpTheAttemptsThenTheBackendIsUnavailable() throws Exception {
    URI base = backend("/whoami", n -> new Answer(500, "{\"code\":\"INTERNAL\"}", null));
    BackendClient.Unavailable e =
        assertThrows(
            BackendClient.Unavailable.class,
            () -> client(base).build().call(Endpoints.WHOAMI, new WhoamiRequest(), 3));
    assertEquals(3, times.size());
    assertTrue(e.getCause() instanceof BackendClient.Refused r && r.status() == 500);
  }

  @Test
  void requestsAndAnswersAreTheContractsRecords() throws Exception {
    URI base =
        backend(
            "/nextTask",
            n ->
                new Answer(
                    200,
                    "{\"kind\":\"selfplay\",\"run\":\"r\",\"addedLater\":1,"
                        + "\"settings\":{\"boardSize\":9,\"visits\":16,\"komi\":7.5,"
                        + "\"rules\":\"chinese\",\"gamesPerBatch\":4}}",
                    null));
    Task t =
        client(base)
            .build()
            .call(Endpoints.NEXT_TASK, NextTaskRequest.of("r", TaskKind.SELFPLAY), 1);
    assertEquals(TaskKind.SELFPLAY, t.kind());
    assertEquals(9, t.settings().boardSize());
    assertNull(t.upload());
    assertEquals("{\"run\":\"r\",\"prefer\":\"selfplay\"}", bodies.get(0));
  }

  @Test
  void valuesANewerBackendAddsReadAsUnknown() throws Exception {
    URI base =
        backend(
            "/confirmUpload",
            n ->
                new Answer(
                    200,
                    "{\"uploadId\":\"u\",\"outcome\":\"QUARANTINED\",\"reasons\":"
                        + "[{\"code\":\"SOMETHING_NEW\",\"path\":\"$\",\"message\":\"m\"}]}",
                    null));
    ConfirmResult r =
        client(base).build().call(Endpoints.CONFIRM_UPLOAD, new ConfirmUploadRequest("u"), 1);
    assertEquals(Outcome.UNKNOWN, r.outcome());
    assertNull(r.reasons().get(0).code());
  }

  @Test
  void anErrorCodeThisClientDoesNotKnowKeepsItsName() {
    BackendClient.Refused r =
        BackendClient.refused(409, "{\"code\":\"BRAND_NEW\",\"message\":\"m\"}", null);
    assertEquals(ErrorCode.UNKNOWN, r.code());
    assertEquals("BRAND_NEW", r.codeName());
    BackendClient.Refused html = BackendClient.refused(502, "<html>bad gateway</html>", null);
    assertEquals("HTTP_502", html.codeName());
    assertTrue(html.transientFailure());
  }

  @Test
  void retryAfterIsReadInSecondsAndCapped() {
    assertEquals(Duration.ofSeconds(5), BackendClient.parseRetryAfter("5", Duration.ofMinutes(1)));
    assertEquals(
        Duration.ofMinutes(1), BackendClient.parseRetryAfter("7200", Duration.ofMinutes(1)));
    assertNull(
        BackendClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Duration.ofMinutes(1)));
    assertNull(BackendClient.parseRetryAfter("-3", Duration.ofMinutes(1)));
  }

  @Test
  void everyAttemptIsReported() throws Exception {
    URI base =
        backend(
            "/whoami",
            n ->
                n == 0
                    ? new Answer(503, "{\"code\":\"STORAGE_UNAVAILABLE\"}", null)
                    : new Answer(200, "{\"contributor\":\"a\"}", null));
    List<String> seen = new ArrayList<>();
    client(base)
        .listener((what, status, failure, nanos) -> seen.add(what + " " + status + " " + failure))
        .build()
        .call(Endpoints.WHOAMI, new WhoamiRequest(), 3);
    assertEquals(List.of("whoami 503 STORAGE_UNAVAILABLE", "whoami 200 null"), seen);
  }
}
