package org.tengen.localstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The packaged functions ({@code functions/target/quarkus-app/quarkus-run.jar}) as a child JVM over
 * a {@link LocalCloud}, as {@code tengen backend} runs them: for benchmarks and for tests of
 * programs that talk to the backend over HTTP (the worker). Stopping and starting again on the same
 * port simulates a backend outage.
 */
public final class FunctionsProcess implements AutoCloseable {

  /** Where the functions listen: the loopback, as the local cloud under them does. */
  static final String LISTEN_HOST = "127.0.0.1";

  private final Path jar;
  private final LocalCloud cloud;
  private final String adminKey;
  private final String trainerKey;
  private final int port;
  private final Path log;
  private Process process;
  private long startedNanos;
  private final java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();

  private boolean toTerminal;

  /** On a free port, with the output in a log file. */
  public FunctionsProcess(Path jar, LocalCloud cloud, String adminKey, String trainerKey)
      throws IOException {
    this(jar, cloud, adminKey, trainerKey, freePort());
  }

  /** On {@code port}. */
  public FunctionsProcess(Path jar, LocalCloud cloud, String adminKey, String trainerKey, int port)
      throws IOException {
    this.jar = jar;
    this.cloud = cloud;
    this.adminKey = adminKey;
    this.trainerKey = trainerKey;
    this.port = port;
    this.log = Files.createTempFile("tengen-functions", ".log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The functions' output goes to this process's terminal instead of the log (before start). */
  public FunctionsProcess toTerminal() {
    this.toTerminal = true;
    return this;
  }

  /** The jar of a built checkout, looked up from a module folder or the repository root. */
  public static Path defaultJar() {
    for (String prefix : List.of("", "../")) {
      Path p = Path.of(prefix + "functions/target/quarkus-app/quarkus-run.jar");
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    return Path.of("functions/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
  }

  /** A further {@code -D} setting of the functions (before {@link #start}). */
  public FunctionsProcess with(String property, String value) {
    properties.put(property, value);
    return this;
  }

  /** The port the functions listen on; a restart keeps it. */
  public int port() {
    return port;
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public Path log() {
    return log;
  }

  /** The running JVM's process, for its CPU time; empty when it is not running. */
  public java.util.Optional<ProcessHandle> handle() {
    return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
  }

  /** Starts the JVM; returns at once (see {@link #awaitReady}). */
  public FunctionsProcess start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    List<String> command = new java.util.ArrayList<>();
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        0,
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // This machine's own backend: the loopback only, never every interface.
            "-Dquarkus.http.host=" + LISTEN_HOST,
            "-Dquarkus.http.port=" + port,
            "-Dtengen.dynamodb-endpoint=" + cloud.dynamoDbEndpoint(),
            "-Dtengen.s3-endpoint=" + cloud.s3Endpoint(),
            "-Dtengen.access-key=" + LocalCloud.ACCESS_KEY,
            "-Dtengen.secret-key=" + LocalCloud.SECRET_KEY,
            "-Dtengen.bucket=" + cloud.bucket(),
            "-Dtengen.table-prefix=" + cloud.tablePrefix(),
            "-Dtengen.admin-key-sha256=" + sha256(adminKey),
            "-Dtengen.trainer-key-sha256=" + sha256(trainerKey)));
    command.add("-jar");
    command.add(jar.toString());
    startedNanos = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    process =
        (toTerminal
                ? pb.redirectOutput(ProcessBuilder.Redirect.INHERIT)
                : pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())))
            .start();
    return this;
  }

  /**
   * Waits until a request is answered (any status: a key check is an answer); returns the
   * milliseconds from {@link #start} to that answer.
   */
  public double awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            "the functions exited at start"
                + (toTerminal ? " (their output is above)" : ":\n" + Files.readString(log)));
      }
      try {
        http.send(
            HttpRequest.newBuilder(baseUri().resolve("/whoami"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return (System.nanoTime() - startedNanos) / 1e6;
      } catch (ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the functions did not answer within " + timeout);
        }
        Thread.sleep(5);
      }
    }
  }

  /** Ends the JVM (a backend outage when started again later). */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    if (System.getenv("TENGEN_KEEP_LOG") == null) {
      Files.deleteIfExists(log);
    } else {
      System.err.println("functions log: " + log);
    }
  }

  public static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
