package org.tengen.core.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** An upload's id: 32 lower-case hex digits, drawn at random by the backend. */
public record UploadId(String value) {
  private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public UploadId {
    SafeIds.check(value, VALID, "upload id", "32 lower-case hex digits");
  }

  public static UploadId random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new UploadId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }
}
