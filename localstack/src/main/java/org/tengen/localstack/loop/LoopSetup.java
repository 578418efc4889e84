package org.tengen.localstack.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tengen.core.api.AdminApi.ContributorRequest;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the loop needs before it plays: its keys (made once, kept in the data folder), the run, a
 * contributor per worker, and the run's first network (a fresh one, made by the worker's {@code
 * init-network} and registered with the backend). Each step finds what an earlier run made.
 */
final class LoopSetup {

  static final String RUN = "local";
  private static final int ATTEMPTS = 5;

  private final LoopOptions o;
  private final Programs programs;

  LoopSetup(LoopOptions o, Programs programs) {
    this.o = o;
    this.programs = programs;
  }

  /** The admin's, the trainer's and the workers' keys: read, or made and saved (owner only). */
  static final class Keys {
    private final Path file;
    private final Properties p = new Properties();

    Keys(Path data) throws IOException {
      this.file = data.resolve("keys.properties");
      if (Files.isRegularFile(file)) {
        try (var in = Files.newInputStream(file)) {
          p.load(in);
        }
      }
      SecureRandom random = new SecureRandom();
      for (String k : List.of("admin", "trainer")) {
        if (!p.containsKey(k)) {
          byte[] b = new byte[24];
          random.nextBytes(b);
          p.setProperty(k, "tgn_" + k + "_" + HexFormat.of().formatHex(b));
        }
      }
      save();
    }

    String admin() {
      return p.getProperty("admin");
    }

    String trainer() {
      return p.getProperty("trainer");
    }

    String worker(int w) {
      return p.getProperty("worker" + w);
    }

    void setWorker(int w, String key) throws IOException {
      p.setProperty("worker" + w, key);
      save();
    }

    private void save() throws IOException {
      try (var out = Files.newOutputStream(file)) {
        p.store(out, "the local loop's keys (this folder only)");
      }
      try {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions apply
      }
    }
  }

  /**
   * The release rule of the loop's run: no gate, the +20 Elo gate, or release unless clearly worse,
   * over {@code ratingGames} games.
   */
  String releasePolicy() {
    return switch (o.gate()) {
      case "always" -> "always:" + o.ratingGames();
      case "notworse" -> "notworse:" + o.ratingGames();
      default -> "seed:" + o.ratingGames() + ":20:1000000000000";
    };
  }

  /** Creates what is missing: the run, the workers' contributors, the first network. */
  void setUp(LocalCloud cloud, Keys keys, BackendClient admin, BackendClient trainer)
      throws Exception {
    String policy = releasePolicy();
    try {
      admin.call(
          Endpoints.CREATE_RUN,
          new CreateRunRequest(
              RUN,
              o.curriculumText(),
              null,
              null,
              o.gamesPerBatch(),
              policy,
              o.variety(),
              o.search()),
          ATTEMPTS);
      System.out.printf(
          "created run %s (curriculum %s, release: %s, self-play variety: %s, search: %s)%n",
          RUN, o.curriculumText(), policy, o.variety(), o.search());
      RunBoard.write(o.data(), o.curriculumText());
    } catch (BackendClient.Refused e) {
      if (e.code() != ErrorCode.RUN_EXISTS) {
        throw e;
      }
    }
    for (int w = 1; w <= o.workers(); w++) {
      if (keys.worker(w) == null) {
        String key =
            admin
                .call(Endpoints.CREATE_CONTRIBUTOR, new ContributorRequest("worker" + w), ATTEMPTS)
                .key();
        keys.setWorker(w, key);
      }
    }
    if (admin.call(Endpoints.STATS, new StatsRequest(RUN), ATTEMPTS).currentNetwork() == null) {
      registerFirstNetwork(cloud, trainer);
    }
  }

  private void registerFirstNetwork(LocalCloud cloud, BackendClient trainer) throws Exception {
    NetworkName name = NetworkName.parse(RUN + "-" + o.net() + "-s0-d0");
    Path file = o.data().resolve(name + NetworkName.EXTENSION);
    programs.run(
        Programs.WORKER,
        List.of("init-network", "--name", name.toString(), "--out", file.toString()),
        List.of(),
        o.data().resolve("init-network.log"),
        Map.of());
    byte[] bytes = Files.readAllBytes(file);
    try (S3Client s3 = cloud.s3()) {
      s3.putObject(
          p -> p.bucket(cloud.bucket()).key(StorageLayout.network(new RunId(RUN), name)),
          RequestBody.fromBytes(bytes));
    }
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    trainer.call(
        Endpoints.REGISTER_NETWORK,
        RegisterNetworkRequest.first(RUN, name.toString(), sha256, bytes.length),
        ATTEMPTS);
    System.out.println(
        "the first network: " + name + " (random trunk, uniform policy, even value)");
  }
}
