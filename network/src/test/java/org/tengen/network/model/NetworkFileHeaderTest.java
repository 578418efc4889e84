package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class NetworkFileHeaderTest {

  /** A file holding only a header with the given fields, and no parameters. */
  private static byte[] header(
      int format,
      String arch,
      int features,
      int min,
      int max,
      String name,
      long samples,
      long rows,
      int params)
      throws IOException {
    return header(format, arch, features, min, max, name, samples, rows, params, 0);
  }

  /** The header followed by {@code padding} zero bytes. */
  private static byte[] header(
      int format,
      String arch,
      int features,
      int min,
      int max,
      String name,
      long samples,
      long rows,
      int params,
      int padding)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write("TENGEN-NET".getBytes());
      out.writeInt(format);
      out.writeUTF(arch);
      out.writeInt(features);
      out.writeInt(min);
      out.writeInt(max);
      out.writeUTF(name);
      out.writeLong(samples);
      out.writeLong(rows);
      out.writeInt(params);
      out.write(new byte[padding]);
    }
    return bytes.toByteArray();
  }

  private static String error(byte[] file) {
    return assertThrows(IOException.class, () -> NetworkFile.load(file, null, Device.cpu()))
        .getMessage();
  }

  @Test
  void everyHeaderMismatchIsNamed() throws IOException {
    assertEquals(
        "network file format 4, this code reads 1 to 3",
        error(header(4, "b1c8", 1, 7, 19, "t-b1c8-s0-d0", 0, 0, 0)));
    assertEquals(
        "network uses input features v9, this code computes v1",
        error(header(1, "b1c8", 9, 7, 19, "t-b1c8-s0-d0", 0, 0, 0)));
    assertEquals(
        "network covers boards 9..19 only",
        error(header(1, "b1c8", 1, 9, 19, "t-b1c8-s0-d0", 0, 0, 0)));
    assertEquals(
        "network t-b2c8-s0-d0 is named for another architecture than b1c8",
        error(header(1, "b1c8", 1, 7, 19, "t-b2c8-s0-d0", 0, 0, 0)));
    assertEquals(
        "network file's samples and rows differ from its name t-b1c8-s5-d0",
        error(header(1, "b1c8", 1, 7, 19, "t-b1c8-s5-d0", 4, 0, 0)));
    assertEquals(
        "network file: architecture 'x9' is not like b6c96 (blocks, channels)",
        error(header(1, "x9", 1, 7, 19, "t-b1c8-s0-d0", 0, 0, 0)));
    String count = error(header(1, "b1c8", 1, 7, 19, "t-b1c8-s0-d0", 0, 0, 3, 8192));
    assertEquals(true, count.startsWith("network file has 3 parameters, b1c8 has "), count);
  }

  @Test
  void aHeaderPromisingMoreWeightsThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
    // b60c1024 would take about 4.5 GB; the file holds a few bytes.
    assertEquals(
        "network file is truncated: 74 bytes cannot hold the b60c1024 trunk's 1132462080 weights",
        error(header(1, "b60c1024", 1, 7, 19, "t-b60c1024-s0-d0", 0, 0, 0)));
  }

  @Test
  void theWeightLowerBoundIsALowerBound() {
    // Small networks are mostly heads; from a few dozen channels the trunk is most of a network.
    for (String arch : new String[] {"b1c8", "b2c16", "b3c64"}) {
      NetworkConfig config = NetworkConfig.parse(arch);
      try (Network net =
          Network.random(
              org.tengen.core.network.NetworkName.parse("t-" + arch + "-s0-d0"), 1, Device.cpu())) {
        long bound = NetworkFile.minimumParameters(config);
        assertEquals(
            true,
            bound <= net.parameterCount()
                && (config.channels() < 64 || bound * 2 > net.parameterCount()),
            arch + ": bound " + bound + " of " + net.parameterCount());
      }
    }
  }
}
