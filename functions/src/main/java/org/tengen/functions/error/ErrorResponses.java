package org.tengen.functions.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;
import org.tengen.core.api.ApiError;
import org.tengen.core.api.ErrorCode;

/**
 * Turns every failure into {@code {code, message, details}} with its status: an {@link
 * ApiException} as it says, an invalid argument as 400, anything else as 500 with an error id
 * (logged with its stack trace, never sent to the caller).
 */
@ApplicationScoped
public class ErrorResponses {

  private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  void register(@Observes Router router) {
    router.route().order(-1000).failureHandler(this::handle);
  }

  /** Answers with an error body under the code's status; used by the auth filter too. */
  public static void send(
      RoutingContext ctx, ErrorCode code, String message, Map<String, Object> details) {
    send(ctx, code.status(), new ApiError(code, message, details));
  }

  private static void send(RoutingContext ctx, int status, ApiError error) {
    String body;
    try {
      body = JSON.writeValueAsString(error);
    } catch (JsonProcessingException e) {
      body = "{\"code\":\"" + ErrorCode.INTERNAL + "\",\"message\":\"error body\",\"details\":{}}";
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  /** What a 503 for a storage fault asks the caller to wait before repeating. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private static boolean storageFault(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof software.amazon.awssdk.core.exception.SdkException) {
        return true;
      }
    }
    return false;
  }

  private void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable t = ctx.failure();
    Throwable cause = t;
    while (cause != null
        && !(cause instanceof ApiException)
        && !(cause instanceof IllegalArgumentException)
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof ApiException e) {
      if (e.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      send(ctx, e.code(), e.getMessage(), e.details());
    } else if (cause instanceof IllegalArgumentException e) {
      send(ctx, ErrorCode.INVALID_ARGUMENT, e.getMessage(), Map.of());
    } else if (storageFault(t)) {
      // S3 or DynamoDB failed or timed out: the request may be repeated as it is, and every
      // function is written so that a repeat finishes what the failed attempt started.
      String id = java.util.UUID.randomUUID().toString();
      LOG.warnf(
          "request %s %s met a storage fault, error id %s: %s",
          ctx.request().method(), ctx.request().path(), id, t);
      ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      send(
          ctx,
          ErrorCode.STORAGE_UNAVAILABLE,
          "storage did not answer; repeat the request (error id " + id + ")",
          Map.of("errorId", id, "retryAfterSeconds", RETRY_AFTER_SECONDS));
    } else if (t == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(
          ctx,
          ctx.statusCode(),
          new ApiError(ErrorCode.BAD_REQUEST, "the request could not be read", Map.of()));
    } else {
      String id = java.util.UUID.randomUUID().toString();
      LOG.errorf(
          t, "request %s %s failed, error id %s", ctx.request().method(), ctx.request().path(), id);
      send(ctx, ErrorCode.INTERNAL, "internal error, id " + id, Map.of("errorId", id));
    }
  }
}
