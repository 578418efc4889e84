package org.tengen.worker.contribute;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tengen.core.api.TaskKind;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;

/**
 * The contribute configuration: {@code key = value} lines, {@code #} comments, as KataGo's
 * contribute.cfg. The seed's keys ({@code serverUrl}, {@code username}, {@code
 * numNNServerThreadsPerModel}, {@code nnMaxBatchSize}, {@code gamesPerBatch}) and what a real
 * client needs besides. The key itself may (and should) come from {@code TENGEN_CONTRIBUTOR_KEY}
 * rather than the file. Unknown keys are warned about; an invalid value is an error naming its key.
 */
public record ContributeConfig(
    URI serverUrl,
    String username,
    String contributorKey,
    String run,
    int numNNServerThreadsPerModel,
    int nnMaxBatchSize,
    int gamesPerBatch,
    int maxSimultaneousGames,
    String device,
    String precision,
    String engine,
    Path dataDir,
    int maxRatingGames,
    boolean onlyRatingGames,
    double progressSeconds,
    int maxBatches,
    int maxQueuedBatches,
    int keepNetworks,
    int nnCacheSizePowerOfTwo,
    List<String> warnings) {

  public static final String KEY_VARIABLE = "TENGEN_CONTRIBUTOR_KEY";

  /**
   * {@code nnMaxBatchSize = auto} (the default): the batch size is measured on each network's
   * architecture and board before its first game ({@link BatchSizeTuner}).
   */
  public static final int AUTO_BATCH = 0;

  private static final Set<String> KEYS =
      Set.of(
          "serverUrl",
          "username",
          "contributorKey",
          "run",
          "numNNServerThreadsPerModel",
          "nnMaxBatchSize",
          "gamesPerBatch",
          "maxSimultaneousGames",
          "device",
          "precision",
          "engine",
          "dataDir",
          "maxRatingGames",
          "onlyRatingGames",
          "progressSeconds",
          "maxBatches",
          "maxQueuedBatches",
          "keepNetworks",
          "nnCacheSizePowerOfTwo");

  /** An invalid configuration: the message names the key (or line) and what is wrong. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  public static ContributeConfig load(Path file, Map<String, String> environment)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new Invalid("no config file at " + file);
    }
    return parse(Files.readString(file), file.toString(), environment);
  }

  public static ContributeConfig parse(String text, String source, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        // The line is not echoed: it may be the key itself, mistyped ("contributorKey: ...").
        throw new Invalid(source + " line " + (i + 1) + ": expected key = value");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (!KEYS.contains(key)) {
        warnings.add(source + " line " + (i + 1) + ": unknown key '" + key + "' ignored");
        continue;
      }
      if (values.put(key, value) != null) {
        throw new Invalid(source + " line " + (i + 1) + ": " + key + " is set twice");
      }
    }
    Reader r = new Reader(values);
    String server = r.required("serverUrl");
    URI serverUrl;
    try {
      serverUrl = URI.create(server.endsWith("/") ? server : server + "/");
    } catch (IllegalArgumentException e) {
      throw new Invalid("serverUrl: '" + server + "' is not a URL");
    }
    if (!"http".equals(serverUrl.getScheme()) && !"https".equals(serverUrl.getScheme())) {
      throw new Invalid("serverUrl: '" + server + "' must start with http:// or https://");
    }
    String username = r.required("username");
    try {
      new ContributorId(username);
    } catch (IllegalArgumentException e) {
      throw new Invalid("username: " + e.getMessage());
    }
    String key = env.get(KEY_VARIABLE);
    if (key == null || key.isBlank()) {
      key = values.get("contributorKey");
    } else if (values.containsKey("contributorKey")) {
      warnings.add("contributorKey in " + source + " ignored: " + KEY_VARIABLE + " is set");
    }
    if (key == null || key.isBlank()) {
      throw new Invalid(
          "no contributor key: set " + KEY_VARIABLE + " (or contributorKey in " + source + ")");
    }
    String run = values.getOrDefault("run", "kata1");
    try {
      new RunId(run);
    } catch (IllegalArgumentException e) {
      throw new Invalid("run: " + e.getMessage());
    }
    String device = values.getOrDefault("device", "auto");
    Path dataDir;
    try {
      dataDir = Path.of(values.getOrDefault("dataDir", "tengen-worker-data"));
    } catch (java.nio.file.InvalidPathException e) {
      throw new Invalid("dataDir: not a path (" + e.getReason() + ")");
    }
    if (!org.tengen.network.device.DeviceChoice.isValidName(device)) {
      throw new Invalid("device: '" + device + "' is not auto, cpu, gpu or gpu(N)");
    }
    String precision = values.getOrDefault("precision", "auto");
    if (!org.tengen.network.model.Precision.isValidName(precision)) {
      throw new Invalid("precision: '" + precision + "' is not auto, fp32 or fp16");
    }
    String engine = values.getOrDefault("engine", "auto");
    if (!org.tengen.network.vector.EngineChoice.Setting.isValidName(engine)) {
      throw new Invalid("engine: '" + engine + "' is not auto, libtorch or java");
    }
    ContributeConfig c =
        new ContributeConfig(
            serverUrl,
            username,
            key.strip(),
            run,
            r.integer("numNNServerThreadsPerModel", 1, 1, 16),
            r.integerOrAuto("nnMaxBatchSize", AUTO_BATCH, 1, 1024),
            r.integer("gamesPerBatch", 0, 0, 64),
            r.integer("maxSimultaneousGames", 16, 1, 1024),
            device,
            precision.strip(),
            engine.strip().toLowerCase(java.util.Locale.ROOT),
            dataDir,
            r.integer("maxRatingGames", 8, 0, 1024),
            r.bool("onlyRatingGames", false),
            r.decimal("progressSeconds", 30, 1, 3600),
            r.integer("maxBatches", 0, 0, Integer.MAX_VALUE),
            r.integer("maxQueuedBatches", 20, 1, 10_000),
            r.integer("keepNetworks", 3, 1, 100),
            r.integer("nnCacheSizePowerOfTwo", 14, 0, 24),
            List.copyOf(warnings));
    if (c.onlyRatingGames() && c.maxRatingGames() == 0) {
      throw new Invalid("onlyRatingGames = true needs maxRatingGames above 0");
    }
    return c;
  }

  /** Whether the batch size is measured on the machine ({@code nnMaxBatchSize = auto}). */
  public boolean tunesBatchSize() {
    return nnMaxBatchSize == AUTO_BATCH;
  }

  /** What to ask nextTask for: one kind, or null for either. */
  public TaskKind preferredKind() {
    if (onlyRatingGames) {
      return TaskKind.RATING;
    }
    return maxRatingGames == 0 ? TaskKind.SELFPLAY : null;
  }

  private record Reader(Map<String, String> values) {
    String required(String key) {
      String v = values.get(key);
      if (v == null || v.isEmpty()) {
        throw new Invalid(key + " is required");
      }
      return v;
    }

    int integer(String key, int fallback, int min, int max) {
      String v = values.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new Invalid(key + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new Invalid(key + ": '" + v + "' is not a whole number");
      }
    }

    /** A whole number in min..max, or {@code auto} (also when unset) for {@code auto}'s value. */
    int integerOrAuto(String key, int auto, int min, int max) {
      String v = values.get(key);
      if (v == null || v.equalsIgnoreCase("auto")) {
        return auto;
      }
      if (!v.matches("-?[0-9]+")) {
        throw new Invalid(key + ": '" + v + "' is neither auto nor a whole number");
      }
      return integer(key, auto, min, max);
    }

    double decimal(String key, double fallback, double min, double max) {
      String v = values.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        double d = Double.parseDouble(v);
        if (!(d >= min && d <= max)) {
          throw new Invalid(key + ": " + v + " is outside " + min + ".." + max);
        }
        return d;
      } catch (NumberFormatException e) {
        throw new Invalid(key + ": '" + v + "' is not a number");
      }
    }

    boolean bool(String key, boolean fallback) {
      String v = values.get(key);
      if (v == null) {
        return fallback;
      }
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw new Invalid(key + ": '" + v + "' is not true or false");
      };
    }
  }

  @Override
  public String toString() {
    // Never print the key.
    return "ContributeConfig[serverUrl="
        + serverUrl
        + ", username="
        + username
        + ", run="
        + run
        + ", dataDir="
        + dataDir
        + "]";
  }
}
