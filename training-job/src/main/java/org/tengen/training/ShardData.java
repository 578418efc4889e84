package org.tengen.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tengen.core.shard.TrainingShard;

/**
 * The window of training data: the newest shards ({@code games_NNNNN.npz}, numbered as the backend
 * writes them) up to the window's size, split into training and held-out shards by a hash of the
 * shard's name (stable as the window moves, as KataGo's split is). A shard that cannot be read is
 * skipped with its reason; the job goes on.
 */
public final class ShardData {

  private static final Pattern NAME = Pattern.compile("games_(\\d{5,})\\.npz");

  /** A loaded shard and its file name. */
  public record Shard(String name, TrainingShard data) {}

  private final List<Shard> train;
  private final List<Shard> heldOut;
  private final long channelRows;
  private final List<String> skipped;

  private ShardData(
      List<Shard> train, List<Shard> heldOut, long channelRows, List<String> skipped) {
    this.train = train;
    this.heldOut = heldOut;
    this.channelRows = channelRows;
    this.skipped = skipped;
  }

  public List<Shard> train() {
    return train;
  }

  public List<Shard> heldOut() {
    return heldOut;
  }

  /** Rows in every readable shard of the channel, the window or not. */
  public long channelRows() {
    return channelRows;
  }

  public List<String> skipped() {
    return skipped;
  }

  public long trainRows() {
    return train.stream().mapToLong(s -> s.data().rows()).sum();
  }

  /** The training shards' names in order: a checkpoint is only resumed on the same window. */
  public String fingerprint() {
    StringBuilder sb = new StringBuilder();
    train.forEach(s -> sb.append(s.name()).append(':').append(s.data().rows()).append(';'));
    return sha256(sb.toString());
  }

  public static ShardData load(Path dir, Hyperparameters h, Consumer<String> log)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no training data: " + dir + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
              .sorted(Comparator.comparingLong(ShardData::number).reversed())
              .toList();
    }
    List<Shard> newestFirst = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long rows = 0;
    for (Path f : files) {
      try {
        TrainingShard shard = TrainingShard.fromNpz(Files.readAllBytes(f));
        newestFirst.add(new Shard(f.getFileName().toString(), shard));
        rows += shard.rows();
      } catch (IOException | RuntimeException e) {
        String why = f.getFileName() + " skipped: " + e.getMessage();
        skipped.add(why);
        log.accept(why);
      }
    }
    long windowRows =
        h.window().equals("katago")
            ? Hyperparameters.katagoWindow(rows)
            : h.windowRows() > 0 ? h.windowRows() : Long.MAX_VALUE;
    long windowGames =
        h.window().equals("katago") || h.windowRows() > 0 ? Long.MAX_VALUE : h.numGames();
    List<Shard> train = new ArrayList<>();
    List<Shard> heldOut = new ArrayList<>();
    long inWindowRows = 0;
    long inWindowGames = 0;
    for (Shard s : newestFirst) {
      if (inWindowRows >= windowRows || inWindowGames >= windowGames) {
        break;
      }
      inWindowRows += s.data().rows();
      inWindowGames += games(s.data());
      (isHeldOut(s.name(), h.holdoutPercent()) ? heldOut : train).add(s);
    }
    // Oldest first: the order does not matter to the shuffled batches, but it is stable.
    java.util.Collections.reverse(train);
    java.util.Collections.reverse(heldOut);
    if (train.isEmpty()) {
      throw new IOException(
          "no training shard in "
              + dir
              + (skipped.isEmpty() ? "" : " (" + skipped.size() + " unreadable)"));
    }
    return new ShardData(List.copyOf(train), List.copyOf(heldOut), rows, List.copyOf(skipped));
  }

  /** Whether a shard is held out: a stable hash of its name, so the split never moves. */
  static boolean isHeldOut(String name, double percent) {
    byte[] d = sha256Bytes(name);
    int bucket = ((d[0] & 0xff) << 8 | (d[1] & 0xff)) % 10_000;
    return bucket < percent * 100;
  }

  private static long games(TrainingShard s) {
    int max = -1;
    for (int g : s.gameIndex()) {
      max = Math.max(max, g);
    }
    return max + 1;
  }

  private static long number(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static byte[] sha256Bytes(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(String s) {
    return java.util.HexFormat.of().formatHex(sha256Bytes(s));
  }
}
