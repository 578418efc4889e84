package org.tengen.functions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** API keys: drawn at random, handed out once, stored and compared only as SHA-256 hashes. */
public final class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new key: {@code tgn_} and 32 random bytes in URL-safe base64. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "tgn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static final java.util.regex.Pattern WELL_FORMED =
      java.util.regex.Pattern.compile("tgn_[A-Za-z0-9_-]{43}");

  /** Whether {@code key} has the form {@link #newKey} gives every contributor key. */
  public static boolean wellFormed(String key) {
    return key != null && WELL_FORMED.matcher(key).matches();
  }

  public static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Compares two hex hashes in time that does not depend on where they differ. */
  public static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
