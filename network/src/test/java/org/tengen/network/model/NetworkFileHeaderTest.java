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
        "network file format 2, this code reads 1",
        error(header(2, "b1c8", 1, 7, 19, "t-b1c8-s0-d0", 0, 0, 0)));
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
    String count = error(header(1, "b1c8", 1, 7, 19, "t-b1c8-s0-d0", 0, 0, 3));
    assertEquals(true, count.startsWith("network file has 3 parameters, b1c8 has "), count);
  }
}
