package org.tengen.core.storage;

import java.util.regex.Pattern;

/** Checks for the identifiers that become S3 key segments or DynamoDB keys. */
final class SafeIds {
  private SafeIds() {}

  static String check(String value, Pattern pattern, String what, String rule) {
    if (value == null || !pattern.matcher(value).matches()) {
      String shown =
          value == null ? "null" : value.length() > 80 ? value.substring(0, 80) + "…" : value;
      throw new IllegalArgumentException(what + " '" + shown + "' must be " + rule);
    }
    return value;
  }
}
