package org.tengen.worker.contribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.tengen.core.client.BackendClient;
import org.tengen.core.network.NetworkName;

/**
 * Networks on disk, by name: {@code networks/<name>.bin.gz}. A download goes to {@code .part} and
 * resumes from there with a range request after an interruption; the file is checked against the
 * task's byte count and SHA-256 before it is renamed into place, so a file under its final name is
 * always whole. The least recently used networks beyond {@code keep} are deleted.
 *
 * <p>A network URL comes from the backend, but the worker trusts it no further than it must: https
 * only (plain http on this machine's loopback, for the local cloud), no redirects followed, and
 * never more bytes read than the task names, so a hostile or broken URL can neither fill the disk
 * nor send the worker elsewhere.
 */
public final class NetworkCache {

  private final Path folder;
  private final BackendClient api;
  private final int keep;
  private final WorkerLog log;

  public NetworkCache(Path folder, BackendClient api, int keep, WorkerLog log) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.api = api;
    this.keep = keep;
    this.log = log;
  }

  /** The network's file, downloaded if needed. */
  public Path get(String name, URI url, long bytes, String sha256)
      throws IOException, InterruptedException {
    NetworkName.parse(name); // a name from the server is still checked before it names a file
    Path file = folder.resolve(name + ".bin.gz");
    if (Files.isRegularFile(file)) {
      if (Files.size(file) == bytes && sha256(file).equals(sha256)) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        return file;
      }
      log.warn("cached " + file + " does not match the server's size and SHA-256; fetching again");
      Files.delete(file);
    }
    checkUrl(url);
    Path part = folder.resolve(name + ".bin.gz.part");
    api.retrying(
        "download of " + name,
        8,
        () -> {
          download(url, part, bytes);
          return null;
        });
    long got = Files.size(part);
    String hash = sha256(part);
    if (got != bytes || !hash.equals(sha256)) {
      Files.deleteIfExists(part);
      throw new IOException(
          "download of "
              + name
              + " gave "
              + got
              + " bytes with SHA-256 "
              + hash
              + ", the server announced "
              + bytes
              + " bytes with "
              + sha256);
    }
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    log.info("downloaded network " + name + " (" + bytes + " bytes, SHA-256 checked)");
    prune(file);
    return file;
  }

  /** https, or http to this machine's loopback; anything else is refused before connecting. */
  static void checkUrl(URI url) throws BackendClient.Refused {
    String scheme =
        url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost();
    boolean loopback =
        host.equals("localhost")
            || host.equals("[::1]")
            || host.equals("::1")
            || host.startsWith("127.");
    if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
      throw new BackendClient.Refused(
          0,
          "DOWNLOAD_REFUSED",
          "the network URL must be https (plain http only on this machine's loopback), not "
              + scheme
              + "://"
              + host,
          null);
    }
  }

  private void download(URI url, Path part, long bytes) throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (have > bytes) {
      Files.delete(part);
      have = 0;
    }
    if (have == bytes) {
      return;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> r =
        api.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    boolean resumed = r.statusCode() == 206;
    if (r.statusCode() != 200 && !resumed) {
      r.body().close(); // dropped unread: an error page may be of any size
      if (r.statusCode() >= 500 || r.statusCode() == 429) {
        throw new IOException("download answered " + r.statusCode());
      }
      throw new BackendClient.Refused(
          r.statusCode(), "DOWNLOAD_REFUSED", "the network URL was refused", null);
    }
    if (resumed) {
      log.info("resuming the network download at byte " + have);
    }
    try (InputStream in = r.body();
        OutputStream out =
            Files.newOutputStream(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      long left = bytes - (resumed ? have : 0);
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1))) > 0) {
        if (n > left) {
          out.close();
          Files.deleteIfExists(part);
          throw new BackendClient.Refused(
              r.statusCode(),
              "DOWNLOAD_REFUSED",
              "the network download is larger than the task's " + bytes + " bytes",
              null);
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  private void prune(Path justUsed) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".bin.gz"))
              .sorted(Comparator.comparing(NetworkCache::modified).reversed())
              .toList();
    }
    for (int i = keep; i < files.size(); i++) {
      if (!files.get(i).equals(justUsed)) {
        Files.deleteIfExists(files.get(i));
        log.info("removed old network " + files.get(i).getFileName());
      }
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
