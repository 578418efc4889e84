package org.tengen.worker.contribute;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.WireFormat;

/**
 * Finished games on disk until the backend has its verdict. A task's folder {@code
 * queue/<uploadId>} holds {@code task.json} (where to upload), each game as it finishes ({@code
 * games/NNNNN.json.gz}), and, once sealed, {@code batch.json.gz}: the upload. Every file is written
 * to a temporary name and renamed, so a kill at any moment leaves whole files only; on start,
 * {@link #recover} seals the games of a batch that was cut short. Nothing finished is lost by a
 * crash, a restart or an outage.
 */
public final class UploadQueue {

  /** Where a batch goes, as nextTask or renewUpload said. */
  public record Target(
      @JsonProperty("uploadId") String uploadId,
      @JsonProperty("url") String url,
      @JsonProperty("expiresAt") String expiresAt,
      @JsonProperty("run") String run,
      @JsonProperty("network") String network) {

    boolean expiresBefore(Instant t) {
      return Instant.parse(expiresAt).isBefore(t);
    }
  }

  /** A sealed batch waiting for upload. */
  public record Sealed(Path folder, Target target, int games) {
    public Path batch() {
      return folder.resolve("batch.json.gz");
    }
  }

  private static final ObjectMapper JSON = WireFormat.mapper();

  private final Path folder;
  private final Path failed;

  public UploadQueue(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.failed = folder.resolveSibling("failed-uploads");
  }

  /** Starts a batch for a task. */
  public Path open(Target target) throws IOException {
    Path dir = folder.resolve(safe(target.uploadId()));
    Files.createDirectories(dir.resolve("games"));
    writeAtomically(dir.resolve("task.json"), JSON.writeValueAsBytes(target));
    return dir;
  }

  /** Keeps one finished game of the batch. */
  public void add(Path batch, int index, GameRecord game) throws IOException {
    writeAtomically(
        batch.resolve("games").resolve(String.format("%05d.json.gz", index)),
        WireFormat.toGzippedJson(game));
  }

  /**
   * Seals a batch: its games become the upload. Returns null (and removes the folder) when no game
   * finished.
   */
  public Sealed seal(Path batch) throws IOException {
    Target target = target(batch);
    List<GameRecord> games = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(batch.resolve("games"))) {
      files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path f : files) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
        GameRecord g = JSON.readValue(in, GameRecord.class);
        // Two games of a batch can meet move for move when the policy is sharp; the backend
        // refuses such a batch, so a repeat stays home.
        if (seen.add(g.boardSize() + "|" + g.rules() + "|" + String.join(",", g.moves()))) {
          games.add(g);
        }
      }
    }
    if (games.isEmpty()) {
      delete(batch);
      return null;
    }
    writeAtomically(
        batch.resolve("batch.json.gz"),
        WireFormat.toGzippedJson(new GameBatch(1, target.run(), target.network(), games)));
    return new Sealed(batch, target, games.size());
  }

  /** After a crash: seals every batch that has games but no upload yet. Returns how many. */
  public int recover() throws IOException {
    int sealed = 0;
    for (Path dir : folders()) {
      if (!Files.isRegularFile(dir.resolve("task.json"))) {
        delete(dir); // cut short before its task was written: nothing in it
        continue;
      }
      if (!Files.isRegularFile(dir.resolve("batch.json.gz")) && seal(dir) != null) {
        sealed++;
      }
    }
    return sealed;
  }

  /** Sealed batches, oldest first. */
  public List<Sealed> sealed() throws IOException {
    List<Sealed> out = new ArrayList<>();
    for (Path dir : folders()) {
      if (Files.isRegularFile(dir.resolve("batch.json.gz"))) {
        int games;
        try (Stream<Path> s = Files.list(dir.resolve("games"))) {
          games = (int) s.filter(p -> p.toString().endsWith(".json.gz")).count();
        }
        out.add(new Sealed(dir, target(dir), games));
      }
    }
    return out;
  }

  /** Replaces a batch's target (a renewed URL). */
  public Sealed retarget(Sealed s, Target target) throws IOException {
    writeAtomically(s.folder().resolve("task.json"), JSON.writeValueAsBytes(target));
    return new Sealed(s.folder(), target, s.games());
  }

  /** The backend has its verdict: the batch leaves the queue. */
  public void done(Sealed s) throws IOException {
    delete(s.folder());
  }

  /** The backend will never take this batch (its upload is unknown): kept aside, not retried. */
  public Path setAside(Sealed s) throws IOException {
    Files.createDirectories(failed);
    Path to = failed.resolve(s.folder().getFileName());
    Files.move(s.folder(), to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  private Target target(Path batch) throws IOException {
    return JSON.readValue(batch.resolve("task.json").toFile(), Target.class);
  }

  private List<Path> folders() throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isDirectory)
          .sorted(
              (a, b) -> {
                try {
                  return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (IOException e) {
                  return a.compareTo(b);
                }
              })
          .toList();
    }
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String safe(String uploadId) {
    if (!uploadId.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("upload id '" + uploadId + "' is not 32 hex digits");
    }
    return uploadId;
  }
}
