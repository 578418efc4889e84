package org.tengen.core.storage;

import java.util.regex.Pattern;

/**
 * A contributor's id (the seed's {@code username}): 1-40 of {@code [A-Za-z0-9_-]}, starting with a
 * letter or digit. It is a segment of S3 keys ({@code incoming/{contributor}/…}), so nothing else
 * is allowed — no dots, slashes or unicode.
 */
public record ContributorId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

  public ContributorId {
    SafeIds.check(
        value, VALID, "contributor", "1-40 of [A-Za-z0-9_-], starting with a letter or digit");
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
