package org.tengen.core.network;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network's name in KataGo's form, e.g. {@code kata1-b18c384nbt-s9996604416-d4316597426.bin.gz}:
 * the run prefix ({@code kata1}), residual blocks ({@code b18}), channels ({@code c384}), an
 * architecture suffix ({@code nbt}, may be empty), training samples seen ({@code s…}) and data rows
 * the run had at export ({@code d…}). Names sort by samples, then rows.
 */
public record NetworkName(
    String run, int blocks, int channels, String suffix, long samples, long rows)
    implements Comparable<NetworkName> {

  /** The file extension of network files. */
  public static final String EXTENSION = ".bin.gz";

  private static final Pattern RUN = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern SUFFIX = Pattern.compile("[a-z]{0,8}");
  private static final Pattern NAME =
      Pattern.compile(
          "([a-z][a-z0-9_]{0,31})-b([1-9][0-9]{0,2})c([1-9][0-9]{0,4})([a-z]{0,8})"
              + "-s(0|[1-9][0-9]{0,17})-d(0|[1-9][0-9]{0,17})");

  private static final Comparator<NetworkName> ORDER =
      Comparator.comparingLong(NetworkName::samples)
          .thenComparingLong(NetworkName::rows)
          .thenComparing(NetworkName::toString);

  public NetworkName {
    if (run == null || !RUN.matcher(run).matches()) {
      throw new IllegalArgumentException(
          "run prefix '" + run + "' must be a lower-case letter then up to 31 of [a-z0-9_]");
    }
    if (suffix == null || !SUFFIX.matcher(suffix).matches()) {
      throw new IllegalArgumentException(
          "architecture suffix '" + suffix + "' must be up to 8 lower-case letters");
    }
    if (blocks < 1 || blocks > 999 || channels < 1 || channels > 99_999) {
      throw new IllegalArgumentException(
          "blocks " + blocks + " and channels " + channels + " must be positive and small");
    }
    if (samples < 0 || rows < 0) {
      throw new IllegalArgumentException("samples and rows must not be negative");
    }
  }

  /**
   * Parses a name, with or without {@code .bin.gz}.
   *
   * @throws IllegalArgumentException with the reason the name is malformed
   */
  public static NetworkName parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("network name is empty");
    }
    String name =
        text.endsWith(EXTENSION) ? text.substring(0, text.length() - EXTENSION.length()) : text;
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "network name '"
              + text
              + "' is not like kata1-b18c384nbt-s9996604416-d4316597426[.bin.gz]"
              + " (lower case, no leading zeros)");
    }
    try {
      return new NetworkName(
          m.group(1),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          m.group(4),
          Long.parseLong(m.group(5)),
          Long.parseLong(m.group(6)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("network name '" + text + "' has a number out of range");
    }
  }

  /** Whether {@link #parse} accepts the text. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The architecture part, e.g. {@code b18c384nbt}. */
  public String architecture() {
    return "b" + blocks + "c" + channels + suffix;
  }

  /** The file name: the name plus {@code .bin.gz}. */
  public String fileName() {
    return this + EXTENSION;
  }

  /** The name of the next export of the same run and architecture. */
  public NetworkName next(long newSamples, long newRows) {
    return new NetworkName(run, blocks, channels, suffix, newSamples, newRows);
  }

  @Override
  public int compareTo(NetworkName other) {
    return ORDER.compare(this, other);
  }

  /** The name without extension, e.g. {@code kata1-b6c96-s1000-d20000}. */
  @Override
  public String toString() {
    return run + "-" + architecture() + "-s" + samples + "-d" + rows;
  }
}
