package org.tengen.core.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names in the counters table ({@link Tables#COUNTERS}): its key attributes, the scope of each
 * kind of count (its partition), the periods that are not dates, and the counted attributes. The
 * functions' counters and the CDK app's training schedule both read them from here.
 *
 * <ul>
 *   <li>{@code run#R} / {@code total}: games, positions, accepted, rejected, duplicates
 *   <li>{@code run#R#day} / {@code 2026-11-24}: games, positions
 *   <li>{@code run#R#contributor} / contributor: games, positions, accepted, rejected, tasks,
 *       last_seen, last_upload
 *   <li>{@code run#R#network} / network: games, positions
 *   <li>{@code run#R#tenmin#2026-11-24T17:3} / contributor: games in that ten-minute bin
 *   <li>{@code run#R#bin} / {@code 2026-11-24T17:30}: games, positions in that ten-minute bin
 *   <li>{@code run#R#quality} / {@code network#contributor}: the data-quality sums
 *   <li>{@code training#R} / {@code last}: positions when the last training job started (the
 *       deployment's schedule)
 *   <li>{@code training#R} / {@code lock}: the schedule's lock, {@code holder} the execution that
 *       trains (one job at a time)
 *   <li>{@code contributors} / {@code disabled}: {@code ids}, the set of disabled contributors
 *       (what training leaves out, read with one GetItem: the functions may not scan)
 * </ul>
 */
public final class CounterKeys {

  private CounterKeys() {}

  /** The partition key: what is counted. */
  public static final String SCOPE = Tables.COUNTERS.partitionKey().name();

  /** The sort key: over which period, or of whom. */
  public static final String PERIOD = Tables.COUNTERS.sortKey().orElseThrow().name();

  /** The period of a run's totals. */
  public static final String TOTAL = "total";

  /** The period of the training schedule's memory. */
  public static final String LAST = "last";

  /** The scope and period of the set of disabled contributors, and its attribute. */
  public static final String CONTRIBUTORS = "contributors";

  public static final String DISABLED = "disabled";
  public static final String IDS = "ids";

  /** The period of the training schedule's lock. */
  public static final String LOCK = "lock";

  public static final String GAMES = "games";
  public static final String POSITIONS = "positions";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  public static final String DUPLICATES = "duplicates";
  public static final String TASKS = "tasks";
  public static final String LAST_SEEN = "last_seen";
  public static final String LAST_UPLOAD = "last_upload";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  public static String run(String run) {
    return "run#" + run;
  }

  public static String days(String run) {
    return run(run) + "#day";
  }

  public static String contributors(String run) {
    return run(run) + "#contributor";
  }

  public static String networks(String run) {
    return run(run) + "#network";
  }

  public static String quality(String run) {
    return run(run) + "#quality";
  }

  public static String bins(String run) {
    return run(run) + "#bin";
  }

  /** The contributors' games in the ten-minute bin holding {@code at}. */
  public static String tenMinutes(String run, Instant at) {
    int bin = at.atZone(ZoneOffset.UTC).getMinute() / 10;
    return run(run) + "#tenmin#" + HOUR.format(at) + ":" + bin;
  }

  /** The contributors' accepted games on one UTC day ({@link #day}), one item per contributor. */
  public static String contributorDay(String run, String day) {
    return run(run) + "#cday#" + day;
  }

  /** What the training schedule remembers of a run. */
  public static String training(String run) {
    return "training#" + run;
  }

  /** The start of the ten-minute bin holding {@code at}, like {@code 2026-11-24T17:30}. */
  public static String bin(Instant at) {
    return HOUR.format(at) + ":" + at.atZone(ZoneOffset.UTC).getMinute() / 10 + "0";
  }

  /** The day holding {@code at}, like {@code 2026-11-24}. */
  public static String day(Instant at) {
    return DAY.format(at);
  }
}
