package org.tengen.functions.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

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

  /** Answers with an error body; used by the auth filter too. */
  public static void send(RoutingContext ctx, int status, ApiError error) {
    String body;
    try {
      body = JSON.writeValueAsString(error);
    } catch (JsonProcessingException e) {
      body = "{\"code\":\"INTERNAL\",\"message\":\"error body\",\"details\":{}}";
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
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
      send(ctx, e.status(), new ApiError(e.code(), e.getMessage(), e.details()));
    } else if (cause instanceof IllegalArgumentException e) {
      send(ctx, 400, new ApiError("INVALID_ARGUMENT", e.getMessage(), Map.of()));
    } else if (t == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(
          ctx,
          ctx.statusCode(),
          new ApiError("BAD_REQUEST", "the request could not be read", Map.of()));
    } else {
      String id = java.util.UUID.randomUUID().toString();
      LOG.errorf(
          t, "request %s %s failed, error id %s", ctx.request().method(), ctx.request().path(), id);
      send(ctx, 500, new ApiError("INTERNAL", "internal error, id " + id, Map.of("errorId", id)));
    }
  }
}
