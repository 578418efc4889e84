package org.tengen.network.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;

/**
 * The network file {@code *.bin.gz}: gzip of a header and the parameters, all big-endian ({@link
 * DataOutputStream}):
 *
 * <pre>
 * "TENGEN-NET" (10 bytes), format version (int, 2),
 * architecture (UTF, e.g. b6c96), feature version (int), smallest and largest board (int, int),
 * name (UTF, without .bin.gz), training samples (long), data rows (long),
 * parameter count (int), then per parameter: name (UTF), rank (int), dims (int each),
 * values (float each); from format 3 the reference outputs ({@link ReferenceOutputs}): a count
 * (int), then per position its board size (int), move count (int), moves (policy index, int each),
 * and the network's answer there (policy size²+1, win, loss, draw, score, ownership size²: floats);
 * and the end marker "END!" (4 bytes).
 * </pre>
 *
 * Format 1 files (written before the opponent-policy head) hold every parameter but that head's,
 * the network's last: they load with it at zero, which is what a fresh network starts with.
 *
 * <p>Loading checks every field against what this code builds and fails with a message naming the
 * mismatch; a truncated or corrupted file fails on gzip's CRC or the end marker; a caller that
 * knows the SHA-256 of the file (the backend records it) has it checked first.
 */
public final class NetworkFile {

  public static final int FORMAT_VERSION = 3;
  public static final int MIN_BOARD = 7;
  public static final int MAX_BOARD = 19;
  private static final byte[] MAGIC = "TENGEN-NET".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "END!".getBytes(StandardCharsets.US_ASCII);

  private NetworkFile() {}

  /** The file's bytes. */
  public static byte[] toBytes(Network network) {
    return toBytes(network, network.name());
  }

  /**
   * The file's bytes under another name of the same architecture: a trained network is exported
   * with the samples and rows it has seen.
   */
  public static byte[] toBytes(Network network, NetworkName name) {
    if (name.blocks() != network.config().blocks()
        || name.channels() != network.config().channels()) {
      throw new IllegalArgumentException(
          name + " does not name the architecture " + network.config().architecture());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(network.config().architecture());
      out.writeInt(Features.VERSION);
      out.writeInt(MIN_BOARD);
      out.writeInt(MAX_BOARD);
      out.writeUTF(name.toString());
      out.writeLong(name.samples());
      out.writeLong(name.rows());
      var params = network.block().getParameters();
      out.writeInt(params.size());
      for (Pair<String, Parameter> p : params) {
        NDArray array = p.getValue().getArray();
        out.writeUTF(p.getKey());
        long[] dims = array.getShape().getShape();
        out.writeInt(dims.length);
        for (long d : dims) {
          out.writeInt((int) d);
        }
        for (float f : array.toFloatArray()) {
          out.writeFloat(f);
        }
      }
      ReferenceOutputs.write(out, ReferenceOutputs.compute(network));
      out.write(END);
    } catch (IOException e) {
      throw new AssertionError("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** Writes the file through a temporary file and a rename, so readers never see half of it. */
  public static void save(Network network, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, toBytes(network));
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /** Loads a file; {@code expectedSha256} (hex) is checked when not null. */
  public static Network load(Path file, String expectedSha256, Device device) throws IOException {
    return load(Files.readAllBytes(file), expectedSha256, device);
  }

  public static Network load(byte[] bytes, String expectedSha256, Device device)
      throws IOException {
    if (expectedSha256 != null) {
      String actual = sha256(bytes);
      if (!actual.equalsIgnoreCase(expectedSha256)) {
        throw new IOException("network file SHA-256 is " + actual + ", expected " + expectedSha256);
      }
    }
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a Tengen network file (no TENGEN-NET header)");
      }
      int version = in.readInt();
      if (version < 1 || version > FORMAT_VERSION) {
        throw new IOException(
            "network file format " + version + ", this code reads 1 to " + FORMAT_VERSION);
      }
      String architecture = in.readUTF();
      NetworkConfig config;
      try {
        config = NetworkConfig.parse(architecture);
      } catch (IllegalArgumentException e) {
        throw new IOException("network file: " + e.getMessage());
      }
      int features = in.readInt();
      if (features != Features.VERSION) {
        throw new IOException(
            "network uses input features v"
                + features
                + ", this code computes v"
                + Features.VERSION);
      }
      int min = in.readInt();
      int max = in.readInt();
      if (min > MIN_BOARD || max < MAX_BOARD) {
        throw new IOException("network covers boards " + min + ".." + max + " only");
      }
      NetworkName name;
      try {
        name = NetworkName.parse(in.readUTF());
      } catch (IllegalArgumentException e) {
        throw new IOException("network file: " + e.getMessage());
      }
      if (name.blocks() != config.blocks() || name.channels() != config.channels()) {
        throw new IOException(
            "network " + name + " is named for another architecture than " + architecture);
      }
      if (in.readLong() != name.samples() || in.readLong() != name.rows()) {
        throw new IOException("network file's samples and rows differ from its name " + name);
      }
      requireDataFor(bytes, config);
      Network network = Network.empty(name, device);
      try {
        readParameters(in, network, version);
        return network;
      } catch (IOException | RuntimeException e) {
        network.close();
        throw e;
      }
    } catch (EOFException e) {
      throw new IOException("network file is truncated", e);
    } catch (ZipException e) {
      throw new IOException("network file is corrupted: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a file whose uncompressed content cannot hold the parameters its header promises,
   * before the network is allocated: memory then follows the data a file really holds, not what its
   * header claims (a b60c1024 header on a small file would otherwise cost gigabytes). Counts the
   * uncompressed bytes without keeping them, and stops once there are enough.
   */
  private static void requireDataFor(byte[] file, NetworkConfig config) throws IOException {
    long needed = 4L * minimumParameters(config);
    long have = 0;
    byte[] buffer = new byte[1 << 16];
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file), 1 << 16)) {
      for (int n; have < needed && (n = in.read(buffer)) > 0; ) {
        have += n;
      }
    }
    if (have < needed) {
      throw new IOException(
          "network file is truncated: "
              + have
              + " bytes cannot hold the "
              + config.architecture()
              + " trunk's "
              + needed / 4
              + " weights");
    }
  }

  /** A lower bound of a network's parameters: the trunk's two 3x3 convolutions per block. */
  static long minimumParameters(NetworkConfig config) {
    return 2L * 9 * config.blocks() * config.channels() * config.channels();
  }

  private static void readParameters(DataInputStream in, Network network, int version)
      throws IOException {
    var all = network.block().getParameters();
    List<Pair<String, Parameter>> params = new ArrayList<>();
    for (Pair<String, Parameter> p : all) {
      String block = p.getKey().replaceFirst("^\\d+", "");
      boolean opponent =
          TengenNet.OPPONENT_LAYERS.stream().anyMatch(o -> block.startsWith(o + "_"));
      if (opponent && version == 1) {
        NDArray zero = p.getValue().getArray(); // not in a format 1 file: zero, as a fresh head
        zero.set(new float[(int) zero.size()]);
      } else {
        params.add(p);
      }
    }
    int count = in.readInt();
    if (count != params.size()) {
      throw new IOException(
          "network file has "
              + count
              + " parameters, "
              + network.config().architecture()
              + " has "
              + params.size());
    }
    for (Pair<String, Parameter> p : params) {
      String key = in.readUTF();
      if (!key.equals(p.getKey())) {
        throw new IOException(
            "network file has parameter '" + key + "' where '" + p.getKey() + "' belongs");
      }
      NDArray array = p.getValue().getArray();
      long[] dims = array.getShape().getShape();
      int rank = in.readInt();
      if (rank != dims.length) {
        throw new IOException(
            "parameter " + key + " has rank " + rank + ", expected " + dims.length);
      }
      for (long d : dims) {
        int got = in.readInt();
        if (got != d) {
          throw new IOException("parameter " + key + " has a dimension " + got + ", expected " + d);
        }
      }
      float[] values = new float[(int) array.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = in.readFloat();
        if (!Float.isFinite(values[i])) {
          throw new IOException("parameter " + key + " holds a non-finite value");
        }
      }
      array.set(values);
    }
    if (version >= 3) {
      network.setReferences(ReferenceOutputs.read(in));
    }
    byte[] end = new byte[END.length];
    in.readFully(end);
    if (!java.util.Arrays.equals(end, END) || in.read() != -1) {
      throw new IOException("network file does not end where its parameters do");
    }
  }
}
