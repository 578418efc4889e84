package org.tengen.training;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * What a job hands to the next one of its run besides the exported network: the trained weights
 * (which differ from the exported ones when the export is a weight average), Adam's moments and
 * step, and the weight average. Kept beside the run's checkpoints ({@code
 * checkpoints/{run}/optimizer/{network}.state.gz}), never public; a job that finds none for the
 * network it starts from begins with fresh moments, as every job did before.
 *
 * <p>Layout (gzip): "TENGEN-OPT1", the exported network's name it belongs to, the trained network
 * as a network file, Adam's state, then 1 and the weight average or 0.
 */
final class OptimizerState {

  private static final byte[] MAGIC = "TENGEN-OPT1".getBytes(StandardCharsets.US_ASCII);
  static final String SUFFIX = ".state.gz";

  /** The trained network, its Adam carried on, and its weight average when it had one. */
  record Loaded(Network network, Adam adam, WeightAverage average) {}

  private OptimizerState() {}

  static String fileName(NetworkName owner) {
    return owner + SUFFIX;
  }

  static void write(Path file, NetworkName owner, Network trained, Adam adam, WeightAverage average)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
      out.write(MAGIC);
      out.writeUTF(owner.toString());
      byte[] net = NetworkFile.toBytes(trained, owner);
      out.writeInt(net.length);
      out.write(net);
      adam.write(out);
      out.writeBoolean(average != null);
      if (average != null) {
        average.write(out);
      }
    }
    Files.write(file, bytes.toByteArray());
  }

  /**
   * The state in {@code dir} that belongs to {@code start}, the network this job starts from; empty
   * when there is none or it belongs to another network (the caller logs why).
   *
   * @param emaDecay this job's weight average decay (0: none); an average carried without one is
   *     started from the trained weights
   */
  static Optional<Loaded> read(
      Path dir, NetworkName start, Device device, LearningRate learningRate, double emaDecay)
      throws IOException {
    Path file = dir.resolve(fileName(start));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
        throw new IOException(file + " is no Tengen optimizer state");
      }
      String owner = in.readUTF();
      if (!owner.equals(start.toString())) {
        throw new IOException(file + " belongs to " + owner + ", not " + start);
      }
      Network network = NetworkFile.load(in.readNBytes(in.readInt()), null, device);
      try {
        Adam adam = new Adam(network, learningRate);
        adam.carryOn(in);
        WeightAverage average = emaDecay > 0 ? new WeightAverage(network, emaDecay) : null;
        if (in.readBoolean() && average != null) {
          average.read(in);
        }
        return Optional.of(new Loaded(network, adam, average));
      } catch (IOException | RuntimeException e) {
        network.close();
        throw e;
      }
    }
  }
}
