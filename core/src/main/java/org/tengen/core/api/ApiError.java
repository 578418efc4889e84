package org.tengen.core.api;

import java.util.Map;

/**
 * The JSON body of every error answer: {@code code} is an {@link ErrorCode}'s name (kept as text on
 * the wire so that a newer backend's codes still read), {@code message} is for people, {@code
 * details} for programs.
 */
public record ApiError(String code, String message, Map<String, Object> details) {

  public ApiError {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public ApiError(ErrorCode code, String message, Map<String, Object> details) {
    this(code.name(), message, details);
  }

  /** The code as an enum; {@link ErrorCode#UNKNOWN} for one this side does not know. */
  public ErrorCode errorCode() {
    return ErrorCode.of(code);
  }
}
