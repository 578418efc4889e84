package org.tengen.core.storage;

import java.util.regex.Pattern;

/**
 * The name of a training run, e.g. {@code kata1} or {@code tengen-9x9}: lower-case letters, digits,
 * {@code -} and {@code _}, starting with a letter or digit, at most 64 characters. It is a path
 * segment of S3 keys ({@code training_data/{run}/…}), so nothing else is allowed.
 */
public record RunId(String value) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public RunId {
    SafeIds.check(value, VALID, "run", "1-64 of [a-z0-9_-], starting with a letter or digit");
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
