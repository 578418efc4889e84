package org.tengen.localstack.loop;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.localstack.Cli;
import org.tengen.localstack.LocalCloud;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code tengen strength --data DIR}: the local loop's released networks (from {@code
 * DIR/networks.tsv}, oldest first), fetched through S3 by their {@link StorageLayout} keys (from
 * the running loop's cloud, or from a cloud started on DIR), then measured by the worker's {@code
 * strength} against the first network and GNU Go, on the run's board ({@link RunBoard}); the report
 * goes to {@code DIR/strength}.
 */
@Command(
    name = "tengen strength",
    mixinStandardHelpOptions = true,
    description =
        "The local loop's released networks against its first network and GNU Go. Further"
            + " options go to the worker's strength command (./tengen worker strength --help).")
public final class RunStrength implements Callable<Integer> {

  @Option(names = "--root", hidden = true, defaultValue = ".")
  Path root;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      required = true,
      description = "the folder of tengen local")
  Path data;

  @Option(
      names = "--networks",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "measure N released networks spread evenly over the run, the first and the last among"
              + " them (default: all)")
  int count;

  @Unmatched List<String> workerOptions = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(Cli.execute("tengen strength", new RunStrength(), args));
  }

  /** The released networks of a networks.tsv, oldest (fewest samples) first. */
  static List<NetworkName> released(List<String> table) {
    List<NetworkName> out = new ArrayList<>();
    for (String line : table.subList(Math.min(1, table.size()), table.size())) {
      String[] f = line.split("\t", -1);
      if (f.length > 1 && f[1].equals("RELEASED")) {
        out.add(NetworkName.parse(f[0]));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * {@code count} of the networks spread evenly from the first to the last (all of them when {@code
   * count} is 0 or at least their number).
   */
  static List<NetworkName> spread(List<NetworkName> networks, int count) {
    if (count <= 0 || count >= networks.size()) {
      return networks;
    }
    if (count == 1) {
      return List.of(networks.get(networks.size() - 1));
    }
    java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
    for (int i = 0; i < count; i++) {
      picked.add((int) Math.round((double) i * (networks.size() - 1) / (count - 1)));
    }
    return picked.stream().map(networks::get).toList();
  }

  @Override
  public Integer call() throws Exception {
    Path dir = data.toAbsolutePath();
    Path table = dir.resolve(NetworksTable.FILE);
    if (!Files.isRegularFile(table)) {
      throw new IllegalArgumentException(table + " is missing (written by ./tengen local)");
    }
    if (count < 0 || count == 1) {
      throw new IllegalArgumentException("--networks: 0 (all) or at least 2, not " + count);
    }
    List<NetworkName> released = released(Files.readAllLines(table));
    if (released.size() < 2) {
      throw new IllegalArgumentException("fewer than two released networks in " + table);
    }
    List<NetworkName> networks = spread(released, count);
    Path folder = Files.createDirectories(dir.resolve("strength/networks"));
    List<String> files = new ArrayList<>();
    List<String> times = new ArrayList<>();
    try (Source source = Source.open(dir)) {
      java.time.Instant start = null;
      for (NetworkName n : networks) {
        Path file = folder.resolve(n.fileName());
        String key = StorageLayout.network(new RunId(n.run()), n);
        var object = source.s3.getObjectAsBytes(g -> g.bucket(source.bucket).key(key));
        Files.write(file, object.asByteArray());
        files.add(file.toString());
        // The first network is written when the run starts: the others' times count from it.
        java.time.Instant made = object.response().lastModified();
        start = start == null ? made : start;
        if (made != null && start != null) {
          double minutes = java.time.Duration.between(start, made).toSeconds() / 60.0;
          times.add("--at=" + n + "=" + String.format(java.util.Locale.ROOT, "%.1f", minutes));
        }
      }
    }
    OptionalInt board = RunBoard.read(dir);
    if (board.isEmpty()) {
      System.out.println(
          dir.resolve(RunBoard.FILE)
              + " is missing (a run made before the file was): the games are on the worker's"
              + " default board, 9x9, unless --size says otherwise");
    }
    List<String> args =
        new ArrayList<>(List.of("strength", "--out", dir.resolve("strength").toString()));
    args.addAll(times);
    args.addAll(RunBoard.withSize(workerOptions, board));
    args.addAll(files);
    return new Programs(root.toAbsolutePath()).runInTerminal(Programs.WORKER, args, List.of());
  }

  /** The loop's S3: the running loop's, or a local cloud started on its folder for the fetch. */
  private static final class Source implements AutoCloseable {
    final S3Client s3;
    final String bucket;
    private final LocalCloud started;

    private Source(S3Client s3, String bucket, LocalCloud started) {
      this.s3 = s3;
      this.bucket = bucket;
      this.started = started;
    }

    static Source open(Path dir) throws Exception {
      Path endpoint = dir.resolve(LoopLock.S3_ENDPOINT);
      if (LoopLock.held(dir) && Files.isRegularFile(endpoint)) {
        URI uri = URI.create(Files.readString(endpoint).strip());
        return new Source(
            LocalCloud.s3Client(uri), LocalCloud.Options.persistent(dir).bucket(), null);
      }
      LocalCloud cloud = LocalCloud.start(LocalCloud.Options.persistent(dir.resolve("cloud")));
      return new Source(cloud.s3(), cloud.bucket(), cloud);
    }

    @Override
    public void close() throws Exception {
      s3.close();
      if (started != null) {
        started.close();
      }
    }
  }
}
