package org.tengen.functions.error;

import java.util.Map;

/**
 * A failure the caller should see as {@code {code, message, details}} with an HTTP status. Codes
 * are stable: clients match on them.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, Object> details;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message, Map<String, Object> details) {
    this(status, code, message, details, 0);
  }

  /** With a Retry-After header of the given seconds (when above 0). */
  public ApiException(
      int status, String code, String message, Map<String, Object> details, long retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
    this.retryAfterSeconds = retryAfter;
  }

  /** Seconds the caller should wait before repeating; 0 when the answer is final. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }
}
