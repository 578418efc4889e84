package org.tengen.worker.contribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The backend's functions over HTTP, with the contributor key. Transient failures (no connection, a
 * timeout, 5xx, 429) are retried with {@link Backoff} until {@code attempts} run out or the worker
 * stops; an answer with a 4xx code is final and comes back as {@link ApiError}.
 */
public final class ServerApi {

  /** A final answer from the backend: HTTP status and the stable error code. */
  public static final class ApiError extends IOException {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiError(int status, String code, String message) {
      this(status, code, message, null);
    }

    /** With the wait the backend asked for (Retry-After), or null. */
    public ApiError(int status, String code, String message, Duration retryAfter) {
      super(code + " (" + status + "): " + message);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }

    /** How long the backend asked to wait before repeating (a 429 or 503), or null. */
    public Duration retryAfter() {
      return retryAfter;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /** The backend could not be reached or kept failing; the worker may try again later. */
  public static final class Unavailable extends IOException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String key;
  private final HttpClient http;
  private final Backoff backoff;
  private final BooleanSupplier stopping;
  private final WorkerLog log;

  public ServerApi(URI base, String key, Backoff backoff, BooleanSupplier stopping, WorkerLog log) {
    this.base = base;
    this.key = key;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.backoff = backoff;
    this.stopping = stopping;
    this.log = log;
  }

  HttpClient http() {
    return http;
  }

  /** Calls a function with a JSON body; retries transient failures up to {@code attempts}. */
  public JsonNode call(String function, Object body, int attempts)
      throws IOException, InterruptedException {
    byte[] json = JSON.writeValueAsBytes(body);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(function))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    return retrying(
        function,
        attempts,
        () -> {
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return JSON.readTree(r.body());
          }
          throw answer(r.statusCode(), r.body(), retryAfter(r));
        });
  }

  /** The longest wait a Retry-After header is followed for: a quota's hour. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  /** A Retry-After header in seconds (the backend's form), or null. */
  static Duration retryAfter(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                long s = Long.parseLong(v.strip());
                return s < 0 ? null : Duration.ofSeconds(Math.min(s, MAX_RETRY_AFTER.toSeconds()));
              } catch (NumberFormatException e) {
                return null; // an HTTP date: the backend never sends one; back off as usual
              }
            })
        .orElse(null);
  }

  /** PUTs bytes to a presigned URL; a 4xx (expired, wrong key) is final. */
  public void put(URI url, byte[] bytes, int attempts) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofMinutes(10))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    retrying(
        "upload",
        attempts,
        () -> {
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() / 100 == 2) {
            return null;
          }
          throw answer(r.statusCode(), r.body());
        });
  }

  interface Attempt<T> {
    T run() throws IOException, InterruptedException;
  }

  <T> T retrying(String what, int attempts, Attempt<T> attempt)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      if (i > 0) {
        Duration wait = backoff.delay(i - 1);
        if (last instanceof ApiError e
            && e.retryAfter() != null
            && e.retryAfter().compareTo(wait) > 0) {
          wait = e.retryAfter();
        }
        log.warn(
            what
                + " failed ("
                + last.getMessage()
                + "); retry "
                + i
                + " of "
                + (attempts - 1)
                + " in "
                + wait.toMillis()
                + " ms");
        sleep(wait);
      }
      if (stopping.getAsBoolean() && i > 0) {
        break;
      }
      try {
        return attempt.run();
      } catch (ApiError e) {
        if (e.status() != 429 && e.status() < 500) {
          throw e;
        }
        last = e;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new Unavailable(
        what + " failed: " + (last == null ? "stopped" : last.getMessage()), last);
  }

  /** Sleeps, waking early when the worker stops. */
  void sleep(Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end && !stopping.getAsBoolean()) {
      Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
  }

  private static ApiError answer(int status, String body) {
    return answer(status, body, null);
  }

  private static ApiError answer(int status, String body, Duration retryAfter) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("code")) {
        return new ApiError(
            status, error.get("code").asText(), error.path("message").asText(), retryAfter);
      }
    } catch (IOException e) {
      // not JSON: S3's XML errors, a proxy's HTML page
    }
    String text = body == null ? "" : body.strip();
    return new ApiError(
        status,
        "HTTP_" + status,
        text.length() > 200 ? text.substring(0, 200) + "…" : text,
        retryAfter);
  }
}
