package org.tengen.core.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.tengen.core.api.Endpoint;
import org.tengen.core.api.ErrorCode;

/**
 * The one client of the backend's functions, for every caller: the worker, the training job's
 * publisher, the local loop, the load test and the benchmark. A call goes through an {@link
 * Endpoint}, so what is sent and read is typed on both sides. Transient failures (no connection, a
 * timeout, 5xx, 429) are repeated after a {@link Backoff} pause with jitter, or after the {@code
 * Retry-After} the backend asked for when that is longer, until the attempts run out or the caller
 * stops; a 4xx answer is final and comes back as {@link Refused}.
 */
public final class BackendClient {

  /** A final answer from the backend (or from S3 for a presigned PUT): status and error code. */
  public static final class Refused extends IOException {
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public Refused(int status, String code, String message, Duration retryAfter) {
      super(code + " (" + status + "): " + message);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }

    public int status() {
      return status;
    }

    /** The code as sent ({@code HTTP_<status>} when the body had none). */
    public String codeName() {
      return code;
    }

    /** The code as an enum; {@link ErrorCode#UNKNOWN} for one this client does not know. */
    public ErrorCode code() {
      return ErrorCode.of(code);
    }

    /** How long the backend asked to wait before repeating (a 429 or 503), or null. */
    public Duration retryAfter() {
      return retryAfter;
    }

    /** Whether repeating the same request may succeed: 429 and 5xx. */
    public boolean transientFailure() {
      return status == 429 || status >= 500;
    }
  }

  /** The backend could not be reached or kept failing; the caller may try again later. */
  public static final class Unavailable extends IOException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What one attempt of a call came to: for load tests and metrics. */
  public interface AttemptListener {
    /**
     * @param what the function's name, {@code upload} for a PUT, or the caller's label
     * @param status the HTTP status, or 0 when no answer came
     * @param failure the error code or exception's simple name; null on success
     * @param nanos how long the attempt took
     */
    void attempt(String what, int status, String failure, long nanos);
  }

  /** One attempt of a retried operation. */
  public interface Attempt<T> {
    T run() throws IOException, InterruptedException;
  }

  /**
   * Reads answers leniently: a field or enum value added by a newer backend does not fail an older
   * client.
   */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
          .build();

  private final URI base;
  private final String key;
  private final HttpClient http;
  private final Backoff backoff;
  private final BooleanSupplier stopping;
  private final Consumer<String> warnings;
  private final Duration requestTimeout;
  private final Duration maxRetryAfter;
  private final AttemptListener listener;

  private BackendClient(Builder b) {
    this.base = b.base.toString().endsWith("/") ? b.base : URI.create(b.base + "/");
    this.key = b.key;
    this.http =
        b.http != null
            ? b.http
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                // Neither the API nor a network download redirects; a redirect is answered as
                // what it is, not followed to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.backoff = b.backoff;
    this.stopping = b.stopping;
    this.warnings = b.warnings;
    this.requestTimeout = b.requestTimeout;
    this.maxRetryAfter = b.maxRetryAfter;
    this.listener = b.listener;
  }

  /** A client for the backend at {@code base}, calling with {@code key}. */
  public static Builder builder(URI base, String key) {
    return new Builder(base, key);
  }

  /** The settings of a client; each has a default fit for a worker. */
  public static final class Builder {
    private final URI base;
    private final String key;
    private Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), seed());
    private BooleanSupplier stopping = () -> false;
    private Consumer<String> warnings = w -> {};
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private Duration maxRetryAfter = Duration.ofHours(1);
    private AttemptListener listener = (what, status, failure, nanos) -> {};
    private HttpClient http;

    private Builder(URI base, String key) {
      this.base = Objects.requireNonNull(base, "base");
      this.key = Objects.requireNonNull(key, "key");
    }

    private static long seed() {
      return System.nanoTime();
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /** Checked between attempts and during pauses: a stopping caller gives up early. */
    public Builder stopping(BooleanSupplier stopping) {
      this.stopping = stopping;
      return this;
    }

    /** Where a failed attempt is reported before its repeat. */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = warnings;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How long one attempt of a function call may take. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The longest Retry-After followed (a quota's hour by default). */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = max;
      return this;
    }

    /**
     * An HTTP client shared with other backend clients (a load test's thousands of simulated
     * workers); its own settings then apply instead of the connect timeout.
     */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public Builder listener(AttemptListener listener) {
      this.listener = listener;
      return this;
    }

    public BackendClient build() {
      return new BackendClient(this);
    }
  }

  /** The HTTP client, for downloads that share the client's settings. */
  public HttpClient http() {
    return http;
  }

  public URI base() {
    return base;
  }

  /** Calls a function; retries transient failures up to {@code attempts} in all. */
  public <Q, A> A call(Endpoint<Q, A> endpoint, Q request, int attempts)
      throws IOException, InterruptedException {
    String name = endpoint.function().functionName();
    HttpRequest http =
        HttpRequest.newBuilder(base.resolve(name))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(requestTimeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
            .build();
    return retrying(
        name,
        attempts,
        () -> {
          String body = send(name, http);
          return JSON.readValue(body, endpoint.answer());
        });
  }

  /**
   * PUTs bytes to a presigned upload URL, with the {@code If-None-Match: *} the backend signs into
   * it (an upload is written once). 412 means an object is there already: an earlier attempt whose
   * answer was lost, so done; the confirm checks what it holds. Any other 4xx (expired, wrong key)
   * is final.
   */
  public void put(URI url, byte[] bytes, int attempts) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofMinutes(10))
            .header("If-None-Match", "*")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    retrying(
        "upload",
        attempts,
        () -> {
          try {
            return send("upload", request);
          } catch (Refused e) {
            if (e.status() == 412) {
              return "";
            }
            throw e;
          }
        });
  }

  /** Sends once; the body of a 2xx answer, else {@link Refused}. */
  private String send(String what, HttpRequest request) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      listener.attempt(what, 0, e.getClass().getSimpleName(), System.nanoTime() - t0);
      throw e;
    }
    if (r.statusCode() / 100 == 2) {
      listener.attempt(what, r.statusCode(), null, System.nanoTime() - t0);
      return r.body();
    }
    Refused refused = refused(r.statusCode(), r.body(), retryAfter(r));
    listener.attempt(what, r.statusCode(), refused.codeName(), System.nanoTime() - t0);
    throw refused;
  }

  /**
   * Runs {@code attempt} until it succeeds, it is refused for good, {@code attempts} are used up or
   * the caller stops; then {@link Unavailable} with the last failure.
   */
  public <T> T retrying(String what, int attempts, Attempt<T> attempt)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      if (i > 0) {
        Duration wait = backoff.delay(i - 1);
        if (last instanceof Refused r
            && r.retryAfter() != null
            && r.retryAfter().compareTo(wait) > 0) {
          wait = r.retryAfter();
        }
        warnings.accept(
            what
                + " failed ("
                + last.getMessage()
                + "); retry "
                + i
                + " of "
                + (attempts == Integer.MAX_VALUE ? "many" : Integer.toString(attempts - 1))
                + " in "
                + wait.toMillis()
                + " ms");
        sleep(wait);
        if (stopping.getAsBoolean()) {
          break;
        }
      }
      try {
        return attempt.run();
      } catch (Refused e) {
        if (!e.transientFailure()) {
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

  /** Sleeps, waking early when the caller stops. */
  public void sleep(Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end && !stopping.getAsBoolean()) {
      Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
  }

  /** A Retry-After header in seconds (the backend's form), capped; null when absent or a date. */
  Duration retryAfter(HttpResponse<?> r) {
    return parseRetryAfter(r.headers().firstValue("Retry-After").orElse(null), maxRetryAfter);
  }

  static Duration parseRetryAfter(String value, Duration max) {
    if (value == null) {
      return null;
    }
    try {
      long s = Long.parseLong(value.strip());
      return s < 0 ? null : Duration.ofSeconds(Math.min(s, max.toSeconds()));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: the backend never sends one; back off as usual
    }
  }

  /** The error an answer carries: the backend's JSON error body, or its status and text. */
  static Refused refused(int status, String body, Duration retryAfter) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("code")) {
        return new Refused(
            status, error.get("code").asText(), error.path("message").asText(), retryAfter);
      }
    } catch (IOException e) {
      // not JSON: S3's XML errors, a proxy's HTML page
    }
    String text = body == null ? "" : body.strip();
    return new Refused(
        status,
        "HTTP_" + status,
        text.length() > 200 ? text.substring(0, 200) + "…" : text,
        retryAfter);
  }
}
