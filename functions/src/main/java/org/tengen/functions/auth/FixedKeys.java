package org.tengen.functions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The keys that belong to no contributor: the admin key, the trainer key, and the edge secret that
 * the contributor API's CloudFront distribution adds to each request it forwards.
 *
 * <p>In a deployment each is a Secrets Manager secret that the CDK app generates (48 random letters
 * and digits, so its strength never rests on an operator's choice); the functions read them and
 * read them again every {@link #REFRESH}, so a rotated secret takes effect without a redeploy. A
 * secret that is too weak to be a key ({@link #strongEnough}) admits nobody and is logged as an
 * error. On one machine ({@code ./tengen local}, the tests) the admin and trainer keys are
 * configured as SHA-256 hashes of keys the launcher drew, and there is no edge.
 */
public final class FixedKeys {

  private static final Logger LOG = Logger.getLogger(FixedKeys.class);

  /** How long a secret read is used before it is read again. */
  public static final Duration REFRESH = Duration.ofMinutes(5);

  /** A hash no key has: the role is closed. */
  public static final String CLOSED = "unset";

  /** At least 32 characters of a URL-safe alphabet: 190 bits or more when drawn at random. */
  private static final Pattern STRONG = Pattern.compile("[A-Za-z0-9_-]{32,256}");

  /** Reads a secret's current string by its id (ARN or name); throws when it cannot. */
  @FunctionalInterface
  public interface SecretReader {
    String read(String secretId);
  }

  /**
   * Where the keys come from.
   *
   * @param adminKeySha256 the admin key's hash where no secret names it
   * @param trainerKeySha256 the trainer key's hash where no secret names it
   * @param adminKeySecret the secret holding the admin key (a deployment)
   * @param trainerKeySecret the secret holding the trainer key (a deployment)
   * @param edgeSecret the secret the edge sends in {@link #EDGE_HEADER}; absent: no edge
   */
  public record Settings(
      String adminKeySha256,
      String trainerKeySha256,
      Optional<String> adminKeySecret,
      Optional<String> trainerKeySecret,
      Optional<String> edgeSecret) {

    boolean readsSecrets() {
      return adminKeySecret.isPresent() || trainerKeySecret.isPresent() || edgeSecret.isPresent();
    }
  }

  /** The header the edge (CloudFront) adds with the edge secret; a viewer's own is overwritten. */
  public static final String EDGE_HEADER = org.tengen.core.api.ApiFunction.EDGE_HEADER;

  /**
   * The keys as last read.
   *
   * @param adminHash the admin key's SHA-256, or {@link #CLOSED}
   * @param trainerHash the trainer key's SHA-256, or {@link #CLOSED}
   * @param edge the edge secret's bytes; empty where there is no edge
   */
  public record Current(String adminHash, String trainerHash, Optional<byte[]> edge) {

    /** Whether a request with this edge header value came through the edge (always, if none). */
    public boolean viaEdge(String header) {
      if (edge.isEmpty()) {
        return true;
      }
      return header != null
          && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), edge.get());
    }
  }

  private final Settings settings;
  private final SecretReader reader;
  private final LongSupplier nanoClock;
  private volatile Current current;
  private volatile long readAt;

  public FixedKeys(Settings settings, SecretReader reader, LongSupplier nanoClock) {
    this.settings = settings;
    this.reader = reader;
    this.nanoClock = nanoClock;
  }

  /** Whether a key or the edge secret comes from Secrets Manager (the blocking path). */
  public boolean readsSecrets() {
    return settings.readsSecrets();
  }

  /** The keys if they were read less than {@link #REFRESH} ago (or need no reading); else empty. */
  public Optional<Current> fresh() {
    Current c = current;
    if (!settings.readsSecrets()) {
      if (c == null) {
        c = new Current(settings.adminKeySha256(), settings.trainerKeySha256(), Optional.empty());
        current = c;
      }
      return Optional.of(c);
    }
    if (c != null && nanoClock.getAsLong() - readAt < REFRESH.toNanos()) {
      return Optional.of(c);
    }
    return Optional.empty();
  }

  /**
   * Reads the secrets again (blocking). A secret that cannot be read keeps its last value; one that
   * was never read fails the call, so the request gets a retryable error rather than a wrong one.
   */
  public synchronized Current refresh() {
    Optional<Current> f = fresh();
    if (f.isPresent()) {
      return f.get(); // another request read them meanwhile
    }
    Current before = current;
    try {
      String admin =
          settings
              .adminKeySecret()
              .map(id -> hashOfStrong(id, reader.read(id)))
              .orElse(settings.adminKeySha256());
      String trainer =
          settings
              .trainerKeySecret()
              .map(id -> hashOfStrong(id, reader.read(id)))
              .orElse(settings.trainerKeySha256());
      Optional<byte[]> edge = settings.edgeSecret().map(id -> edgeBytes(id, reader.read(id)));
      current = new Current(admin, trainer, edge);
    } catch (RuntimeException e) {
      if (before == null) {
        throw new IllegalStateException(
            "the keys' secrets could not be read: " + e.getMessage(), e);
      }
      LOG.warnf("the keys' secrets could not be read again (%s); the last ones stay", e.toString());
      current = before;
    }
    readAt = nanoClock.getAsLong();
    return current;
  }

  /** Whether a string is strong enough to be a key or the edge secret. */
  public static boolean strongEnough(String secret) {
    return secret != null && STRONG.matcher(secret).matches();
  }

  private static String hashOfStrong(String id, String key) {
    if (!strongEnough(key)) {
      LOG.errorf(
          "the secret %s is not a strong key (32 to 256 of A-Z a-z 0-9 _ -): its role admits"
              + " nobody until it is replaced",
          id);
      return CLOSED;
    }
    return ApiKeys.sha256(key);
  }

  private static byte[] edgeBytes(String id, String secret) {
    if (!strongEnough(secret)) {
      // Nothing may match a weak edge secret: a random string of the right length, never sent.
      LOG.errorf(
          "the edge secret %s is not strong (32 to 256 of A-Z a-z 0-9 _ -): the contributor API"
              + " refuses every request until it is replaced",
          id);
      return ApiKeys.newKey().getBytes(StandardCharsets.UTF_8);
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
