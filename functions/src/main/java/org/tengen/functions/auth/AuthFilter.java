package org.tengen.functions.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.tengen.core.api.ApiFunction;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.storage.ContributorId;
import org.tengen.functions.contributors.ContributorItem;
import org.tengen.functions.contributors.ContributorRepository;
import org.tengen.functions.error.ErrorResponses;
import org.tengen.functions.publicpages.PublicFiles;

/**
 * The one place keys are checked. Every request carries {@code Authorization: Bearer <key>}; admin
 * functions need the admin key, trainer functions the trainer key, every other function a
 * contributor key of an enabled contributor. Keys are compared as SHA-256 hashes (constant time for
 * the fixed ones; by index lookup for contributors); no key is ever logged. A bearer string that
 * cannot be a contributor key is refused before any lookup, and a well-formed one that no
 * contributor has is remembered for a while ({@link UnknownKeys}): a flood of junk keys costs
 * DynamoDB nothing. Where the deployment has an edge ({@link FixedKeys}), everything but the admin
 * and trainer keys' calls must have come through it, which is checked first.
 */
@ApplicationScoped
public class AuthFilter {

  private static final Logger LOG = Logger.getLogger(AuthFilter.class);

  /** Functions that need the admin key (core's {@link ApiFunction} list). */
  public static final Set<String> ADMIN = paths(ApiFunction.Caller.ADMIN);

  /** Functions that read only: contributor keys and the admin key (the dashboard) may call them. */
  public static final Set<String> READ = paths(ApiFunction.Caller.CONTRIBUTOR_OR_ADMIN);

  /** Functions that need the training job's key. */
  public static final Set<String> TRAINER = paths(ApiFunction.Caller.TRAINER);

  private static Set<String> paths(ApiFunction.Caller caller) {
    return ApiFunction.of(caller).stream()
        .map(ApiFunction::path)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Inject FixedKeys fixedKeys;
  @Inject ContributorRepository contributors;
  @Inject PublicFiles publicFiles;

  private final UnknownKeys unknown = new UnknownKeys(10_000, java.time.Duration.ofMinutes(10));

  void register(@Observes Filters filters) {
    filters.register(this::filter, 100);
  }

  private void filter(RoutingContext ctx) {
    Optional<FixedKeys.Current> fresh = fixedKeys.fresh();
    if (fresh.isPresent()) {
      filter(ctx, fresh.get());
      return;
    }
    // A deployment reads its keys from Secrets Manager every few minutes: never on the event loop.
    ctx.vertx()
        .executeBlocking(fixedKeys::refresh, false)
        .onComplete(
            read -> {
              if (read.failed()) {
                LOG.errorf(read.cause(), "the fixed keys could not be read");
                unavailable(ctx, "the keys could not be checked; retry later");
              } else {
                filter(ctx, read.result());
              }
            });
  }

  private void filter(RoutingContext ctx, FixedKeys.Current keys) {
    String requested = ctx.normalizedPath();
    boolean viaEdge = keys.viaEdge(ctx.request().getHeader(FixedKeys.EDGE_HEADER));
    if (requested.equals(ApiFunction.DASHBOARD)
        || requested.startsWith(ApiFunction.DASHBOARD + "/")) {
      if (refusedOffEdge(ctx, viaEdge)) {
        return;
      }
      dashboard(ctx);
      return;
    }
    if (PublicFiles.handles(requested)) {
      if (refusedOffEdge(ctx, viaEdge)) {
        return;
      }
      publicFiles.serve(ctx); // no key: nothing under these paths is private
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
      deny(ctx, ErrorCode.AUTH_MISSING, "send Authorization: Bearer <key>");
      return;
    }
    String key = header.substring(7).trim();
    String hash = ApiKeys.sha256(key);
    String path = ctx.normalizedPath();
    // The admin and trainer keys call their own API, which has no edge; everything a contributor
    // key may do comes through the edge, where the per-client rate limits are.
    if (ADMIN.contains(path)) {
      admit(ctx, ApiKeys.sameHash(hash, keys.adminHash()), Caller.Role.ADMIN, null);
    } else if (READ.contains(path) && ApiKeys.sameHash(hash, keys.adminHash())) {
      admit(ctx, true, Caller.Role.ADMIN, null);
    } else if (TRAINER.contains(path)) {
      admit(ctx, ApiKeys.sameHash(hash, keys.trainerHash()), Caller.Role.TRAINER, null);
    } else if (refusedOffEdge(ctx, viaEdge)) {
      return;
    } else if (!ApiKeys.wellFormed(key)) {
      deny(
          ctx,
          ErrorCode.AUTH_INVALID,
          "the key is not known (not a Tengen key: tgn_ and 43 characters)");
    } else if (unknown.contains(hash, System.nanoTime())) {
      deny(ctx, ErrorCode.AUTH_INVALID, "the key is not known");
    } else {
      // The lookup blocks: never on the event loop.
      ctx.vertx()
          .<Optional<ContributorItem>>executeBlocking(() -> contributors.byKeyHash(hash), false)
          .onComplete(
              result -> {
                if (result.failed()) {
                  LOG.errorf(result.cause(), "contributor lookup failed for %s", path);
                  unavailable(ctx, "the key could not be checked; retry later");
                } else if (result.result().isEmpty()) {
                  unknown.add(hash, System.nanoTime());
                  deny(ctx, ErrorCode.AUTH_INVALID, "the key is not known");
                } else if (!result.result().get().isEnabled()) {
                  deny(ctx, ErrorCode.CONTRIBUTOR_DISABLED, "this contributor is disabled");
                } else {
                  admit(
                      ctx,
                      true,
                      Caller.Role.CONTRIBUTOR,
                      new ContributorId(result.result().get().getContributor()));
                }
              });
    }
  }

  /** The dashboard's static files: GET only, and a policy that lets the page reach only here. */
  private static void dashboard(RoutingContext ctx) {
    String method = ctx.request().method().name();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      deny(
          ctx,
          ErrorCode.METHOD_NOT_ALLOWED,
          "the dashboard is read-only: GET " + ApiFunction.DASHBOARD);
      return;
    }
    if (ctx.normalizedPath().equals(ApiFunction.DASHBOARD)) {
      ctx.response().setStatusCode(302).putHeader("Location", ApiFunction.DASHBOARD + "/").end();
      return;
    }
    ctx.response()
        .putHeader(
            "Content-Security-Policy",
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache");
    ctx.next();
  }

  /** Refuses (and answers true) a request that should have come through the edge and did not. */
  private static boolean refusedOffEdge(RoutingContext ctx, boolean viaEdge) {
    if (viaEdge) {
      return false;
    }
    deny(
        ctx,
        ErrorCode.EDGE_REQUIRED,
        "call the contributor API at its public address (the deployment's ApiUrl), not its origin");
    return true;
  }

  private static void unavailable(RoutingContext ctx, String message) {
    ctx.response().putHeader("Retry-After", Integer.toString(ErrorResponses.RETRY_AFTER_SECONDS));
    deny(ctx, ErrorCode.AUTH_UNAVAILABLE, message);
  }

  private static void admit(RoutingContext ctx, boolean ok, Caller.Role role, ContributorId who) {
    if (!ok) {
      deny(ctx, ErrorCode.AUTH_FORBIDDEN, "this key may not call " + ctx.normalizedPath());
      return;
    }
    ctx.put(Caller.KEY, new Caller(role, who));
    ctx.next();
  }

  private static void deny(RoutingContext ctx, ErrorCode code, String message) {
    ErrorResponses.send(ctx, code, message, Map.of());
  }
}
