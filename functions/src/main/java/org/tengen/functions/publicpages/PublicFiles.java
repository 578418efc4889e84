package org.tengen.functions.publicpages;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.network.NetworkName;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ErrorResponses;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Serves the public pages and the networks' files from the bucket without a key, GET and HEAD only,
 * for the local loop and any deployment without a CDN in front (on AWS the CDN serves the same
 * keys). Only two shapes of path are served, each mapped to one bucket key: {@code /public/...}
 * (the pages and {@code runs/{run}.json}) and {@code /networks/{run}/{name}.bin.gz}; anything else
 * under them is 404.
 */
@ApplicationScoped
public class PublicFiles {

  public static final String PAGES = "/public";
  public static final String NETWORKS = "/networks";

  private static final Pattern PAGE =
      Pattern.compile(
          "/public/(index\\.html|public\\.js|public\\.css|runs/[a-z0-9][a-z0-9_-]{0,63}\\.json)");
  private static final Pattern NETWORK =
      Pattern.compile("/networks/[a-z0-9][a-z0-9_-]{0,63}/([a-z][a-z0-9_-]{0,120})\\.bin\\.gz");

  @Inject S3Client s3;
  @Inject TengenConfig config;

  /** Whether {@code path} is one this class answers (so the key check lets it through). */
  public static boolean handles(String path) {
    return path.equals(PAGES) || path.startsWith(PAGES + "/") || path.startsWith(NETWORKS + "/");
  }

  /** The bucket key a path names, or empty when it names none. */
  static Optional<String> key(String path) {
    if (path.equals(PAGES + "/")) {
      return Optional.of("public/index.html");
    }
    if (PAGE.matcher(path).matches()) {
      return Optional.of(path.substring(1));
    }
    java.util.regex.Matcher network = NETWORK.matcher(path);
    if (network.matches() && NetworkName.isValid(network.group(1))) {
      return Optional.of(path.substring(1));
    }
    return Optional.empty();
  }

  static String contentType(String file) {
    if (file.endsWith(".html")) return "text/html; charset=utf-8";
    if (file.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (file.endsWith(".css")) return "text/css; charset=utf-8";
    if (file.endsWith(".json")) return "application/json";
    return "application/octet-stream";
  }

  public void serve(RoutingContext ctx) {
    String method = ctx.request().method().name();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      ErrorResponses.send(
          ctx, ErrorCode.METHOD_NOT_ALLOWED, "the public pages are read-only: GET", Map.of());
      return;
    }
    String path = ctx.normalizedPath();
    if (path.equals(PAGES)) {
      ctx.response().setStatusCode(302).putHeader("Location", PAGES + "/").end();
      return;
    }
    Optional<String> key = key(path);
    if (key.isEmpty()) {
      ErrorResponses.send(ctx, ErrorCode.NOT_FOUND, "no such public page: " + path, Map.of());
      return;
    }
    ctx.vertx()
        .<Optional<ResponseBytes<GetObjectResponse>>>executeBlocking(() -> read(key.get()), false)
        .onComplete(
            r -> {
              if (r.failed()) {
                ctx.response().putHeader("Retry-After", "2");
                ErrorResponses.send(
                    ctx, ErrorCode.STORAGE_UNAVAILABLE, "the page could not be read", Map.of());
              } else if (r.result().isEmpty()) {
                ErrorResponses.send(
                    ctx,
                    ErrorCode.NOT_FOUND,
                    key.get().startsWith("public/runs/")
                        ? "nothing published for this run yet"
                        : "no such file: " + path,
                    Map.of());
              } else {
                ResponseBytes<GetObjectResponse> bytes = r.result().get();
                ctx.response()
                    .putHeader("Content-Type", contentType(key.get()))
                    .putHeader(
                        "Cache-Control",
                        key.get().startsWith("networks/")
                            ? "public, max-age=86400"
                            : "public, max-age=60")
                    .putHeader(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
                if (method.equals("HEAD")) {
                  ctx.response()
                      .putHeader("Content-Length", Long.toString(bytes.asByteArrayUnsafe().length))
                      .end();
                } else {
                  ctx.response().end(Buffer.buffer(bytes.asByteArrayUnsafe()));
                }
              }
            });
  }

  private Optional<ResponseBytes<GetObjectResponse>> read(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(g -> g.bucket(config.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
