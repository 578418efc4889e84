package org.tengen.core.storage;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tengen.core.network.NetworkName;

/**
 * The S3 key layout (docs/architecture.md); nothing else in Tengen concatenates a key.
 *
 * <pre>
 * incoming/{contributor}/{uploadId}.json.gz    presigned PUT target, expires after a day
 * rejected/{contributor}/{uploadId}.json.gz    kept with its reasons
 * training_data/{run}/games_{NNNNN}.npz        accepted shards, numbered densely per run
 * sgf/{run}/{gameId}.sgf                       human-readable copies
 * networks/{run}/{networkName}.bin.gz          networks
 * checkpoints/{run}/…                          training job checkpoints
 * checkpoints/{run}/optimizer/{network}.state.gz   the optimizer state the next job carries on
 * </pre>
 *
 * <p>The seed kept the newest window under {@code current/} (its {@code latest_games}). Tengen has
 * none: the training job lists a run's shards and takes the newest by number, which costs one LIST
 * call per thousand shards (a 100,000-game window of 25-game batches is four), and a copy or a
 * manifest of the window would be a second record of the same thing that could disagree with the
 * shards themselves.
 */
public final class StorageLayout {

  public static final String INCOMING = "incoming/";
  public static final String REJECTED = "rejected/";
  public static final String TRAINING_DATA = "training_data/";
  public static final String SGF = "sgf/";
  public static final String NETWORKS = "networks/";
  public static final String CHECKPOINTS = "checkpoints/";

  /** The public pages and each run's published figures, written by the functions. */
  public static final String PUBLIC = "public/";

  /** Shard numbers have at least this many digits, so that keys sort by number. */
  public static final int SHARD_DIGITS = 5;

  private static final Pattern SHARD =
      Pattern.compile("training_data/([a-z0-9][a-z0-9_-]{0,63})/games_([0-9]{5,12})\\.npz");
  private static final Pattern INCOMING_KEY =
      Pattern.compile("incoming/([A-Za-z0-9][A-Za-z0-9_-]{0,39})/([0-9a-f]{32})\\.json\\.gz");
  private static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");

  private StorageLayout() {}

  public static String incoming(ContributorId contributor, UploadId upload) {
    return INCOMING + contributor + "/" + upload + ".json.gz";
  }

  /** The prefix a contributor's presigned PUTs are confined to. */
  public static String incomingPrefix(ContributorId contributor) {
    return INCOMING + contributor + "/";
  }

  public static String rejected(ContributorId contributor, UploadId upload) {
    return REJECTED + contributor + "/" + upload + ".json.gz";
  }

  public static String shard(RunId run, long number) {
    if (number < 1) {
      throw new IllegalArgumentException("shard numbers start at 1, not " + number);
    }
    return TRAINING_DATA + run + "/games_" + String.format(Locale.ROOT, "%05d", number) + ".npz";
  }

  /** Everything of a run's training data: the prefix the training job reads shards from. */
  public static String trainingData(RunId run) {
    return TRAINING_DATA + run + "/";
  }

  /** The prefix under which a run's shards are listed. */
  public static String shardPrefix(RunId run) {
    return TRAINING_DATA + run + "/games_";
  }

  public static String sgf(RunId run, String gameId) {
    SafeIds.check(gameId, GAME_ID, "game id", "1-80 of [A-Za-z0-9_-]");
    return SGF + run + "/" + gameId + ".sgf";
  }

  public static String network(RunId run, NetworkName name) {
    return NETWORKS + run + "/" + name.fileName();
  }

  public static String checkpoints(RunId run) {
    return CHECKPOINTS + run + "/";
  }

  /** The optimizer state the job that made {@code name} left for the next job; never public. */
  public static String optimizerState(RunId run, NetworkName name) {
    return CHECKPOINTS + run + "/optimizer/" + name + ".state.gz";
  }

  /** A shard key's run and number. */
  public record ShardKey(RunId run, long number) {}

  public static Optional<ShardKey> parseShard(String key) {
    Matcher m = SHARD.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ShardKey(new RunId(m.group(1)), Long.parseLong(m.group(2))));
  }

  /** An incoming key's contributor and upload. */
  public record IncomingKey(ContributorId contributor, UploadId upload) {}

  public static Optional<IncomingKey> parseIncoming(String key) {
    Matcher m = INCOMING_KEY.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new IncomingKey(new ContributorId(m.group(1)), new UploadId(m.group(2))));
  }
}
