package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Every error code the backend answers with, and the HTTP status it comes with. The functions throw
 * them and clients match on them, so a code renamed on one side fails to compile on the other.
 * Codes are stable: a client may rely on the name; {@link #UNKNOWN} stands for a code this client
 * does not know yet (a newer backend).
 */
public enum ErrorCode {
  // Keys (the auth filter).
  AUTH_MISSING(401),
  AUTH_INVALID(401),
  AUTH_FORBIDDEN(403),
  AUTH_UNAVAILABLE(503),
  /**
   * A deployment's contributor API answers only what its CloudFront distribution forwards (where
   * the per-client rate limits apply); this request came to the origin directly.
   */
  EDGE_REQUIRED(403),
  CONTRIBUTOR_DISABLED(403),

  // Requests that cannot be read or are wrong as a whole.
  BAD_REQUEST(400),
  METHOD_NOT_ALLOWED(405),
  /** A public page or file that does not exist (nothing published yet, or no such path). */
  NOT_FOUND(404),
  INVALID_ARGUMENT(400),

  // Runs.
  RUN_UNKNOWN(404),
  RUN_EXISTS(409),
  RUN_NOT_ACTIVE(409),
  GAMES_PER_BATCH_INVALID(400),

  // Tasks and uploads.
  KIND_INVALID(400),
  NO_NETWORK(409),
  NETWORK_DISABLED(409),
  UPLOAD_UNKNOWN(404),
  UPLOAD_NOT_YOURS(403),
  UPLOAD_MISSING(409),
  UPLOAD_FINISHED(409),
  /** Another confirm of the same upload holds its processing claim: retry shortly. */
  UPLOAD_BUSY(503),
  QUOTA_UPLOADS(429),
  QUOTA_BYTES(429),
  QUOTA_CALLS(429),
  /** The deployment's edge (its web ACL) limits requests per key and per address. */
  RATE_LIMITED(429),

  // Rating games and release decisions.
  TASK_UNKNOWN(404),
  TASK_NOT_YOURS(403),
  RESULTS_INVALID(400),

  // Networks and contributors.
  NETWORK_UNKNOWN(404),
  NETWORK_EXISTS(409),
  NETWORK_FILE_MISSING(409),
  NETWORK_SIZE_MISMATCH(400),
  SHA256_INVALID(400),
  CONTRIBUTOR_UNKNOWN(404),
  CONTRIBUTOR_EXISTS(409),

  // Any function.
  CONCURRENT_UPDATE(409),
  STORAGE_UNAVAILABLE(503),
  INTERNAL(500),

  /** A code this client does not know: an answer from a newer backend, or not from the backend. */
  @JsonEnumDefaultValue
  UNKNOWN(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The HTTP status an answer with this code carries. */
  public int status() {
    return status;
  }

  /** The code named {@code name}, or {@link #UNKNOWN}. */
  public static ErrorCode of(String name) {
    if (name != null) {
      for (ErrorCode c : values()) {
        if (c.name().equals(name)) {
          return c;
        }
      }
    }
    return UNKNOWN;
  }
}
