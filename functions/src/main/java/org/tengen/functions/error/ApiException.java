package org.tengen.functions.error;

import java.util.Map;
import org.tengen.core.api.ErrorCode;

/**
 * A failure the caller should see as {@code {code, message, details}} with the code's HTTP status.
 * Codes are stable: clients match on them.
 */
public class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, Object> details;
  private final long retryAfterSeconds;

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of(), 0);
  }

  public ApiException(ErrorCode code, String message, Map<String, Object> details) {
    this(code, message, details, 0);
  }

  /** With a Retry-After header of the given seconds (when above 0). */
  public ApiException(
      ErrorCode code, String message, Map<String, Object> details, long retryAfterSeconds) {
    super(message);
    this.code = code;
    this.details = Map.copyOf(details);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds the caller should wait before repeating; 0 when the answer is final. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return code.status();
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
