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

  /**
   * The longest name of a new run: the scheduled training names its SageMaker jobs {@code
   * <run>-<uuid>}, and SageMaker allows 63 characters of {@code [A-Za-z0-9-]} (36 of them the UUID
   * and one the hyphen).
   */
  public static final int MAX_NEW_LENGTH = 26;

  private static final Pattern NEW_RUN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * A name for a run being created, stricter than the names that older runs may have: lower-case
   * letters and digits with single hyphens between them, at most {@link #MAX_NEW_LENGTH}, so that
   * the run's training jobs can be named after it.
   */
  public static RunId forNewRun(String value) {
    RunId id = new RunId(value);
    if (value.length() > MAX_NEW_LENGTH || !NEW_RUN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "run '"
              + value
              + "' must be 1-"
              + MAX_NEW_LENGTH
              + " lower-case letters and digits with single hyphens between them: it becomes"
              + " part of a SageMaker training job name ([A-Za-z0-9-], 63 characters with a"
              + " 37-character suffix)");
    }
    return id;
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
