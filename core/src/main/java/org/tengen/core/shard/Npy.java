package org.tengen.core.shard;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .npy} format, version 1.0 (and reading 2.0/3.0): the magic {@code \x93NUMPY}, a
 * version, a little-endian header length, a Python dict literal with {@code descr}, {@code
 * fortran_order} and {@code shape} padded with spaces to a multiple of 64 bytes, then the data.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static void write(NpyArray array, OutputStream out) throws IOException {
    StringBuilder shape = new StringBuilder("(");
    for (int i = 0; i < array.shape().length; i++) {
      shape
          .append(array.shape()[i])
          .append(array.shape().length == 1 ? "," : i + 1 < array.shape().length ? ", " : "");
    }
    shape.append(')');
    String dict =
        "{'descr': '" + array.descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    out.write(MAGIC);
    out.write(1);
    out.write(0);
    int len = header.length();
    out.write(len & 0xff);
    out.write((len >> 8) & 0xff);
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(array.data());
  }

  public static byte[] toBytes(NpyArray array) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(array.data().length + 128);
    try {
      write(array, out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads one array.
   *
   * @param maxBytes largest data section accepted (protects against a forged shape)
   * @throws IOException with a message naming what is malformed
   */
  public static NpyArray read(InputStream in, long maxBytes) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[6];
    try {
      data.readFully(magic);
    } catch (EOFException e) {
      throw new IOException("malformed npy: shorter than its magic string");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new IOException("malformed npy: no \\x93NUMPY magic string");
      }
    }
    int major = data.readUnsignedByte();
    data.readUnsignedByte();
    long headerLength;
    if (major == 1) {
      headerLength = data.readUnsignedByte() | (data.readUnsignedByte() << 8);
    } else if (major == 2 || major == 3) {
      headerLength =
          (data.readUnsignedByte()
                  | (data.readUnsignedByte() << 8)
                  | (data.readUnsignedByte() << 16)
                  | ((long) data.readUnsignedByte() << 24))
              & 0xffffffffL;
    } else {
      throw new IOException("malformed npy: version " + major + " is unknown");
    }
    if (headerLength > 65536) {
      throw new IOException("malformed npy: header of " + headerLength + " bytes");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    data.readFully(headerBytes);
    String header =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeMatch = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
      throw new IOException(
          "malformed npy: header lacks descr, fortran_order or shape: " + header.strip());
    }
    if (fortran.group(1).equals("True")) {
      throw new IOException("npy in Fortran order is not supported");
    }
    DType dtype;
    int width = 0;
    try {
      dtype = DType.ofDescr(descr.group(1));
      if (dtype == DType.UNICODE) {
        width = Integer.parseInt(descr.group(1).substring(2));
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("npy: " + e.getMessage());
    }
    List<Integer> dims = new ArrayList<>();
    long elements = 1;
    for (String part : shapeMatch.group(1).split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      int d;
      try {
        d = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        throw new IOException("malformed npy: shape entry '" + t + "'");
      }
      if (d < 0) {
        throw new IOException("malformed npy: negative dimension " + d);
      }
      dims.add(d);
      elements = Math.multiplyExact(elements, d);
    }
    long bytes = elements * dtype.itemSize() * Math.max(1, width);
    if (bytes > maxBytes || bytes > Integer.MAX_VALUE - 16) {
      throw new IOException("npy data of " + bytes + " bytes exceeds the limit of " + maxBytes);
    }
    byte[] payload = new byte[(int) bytes];
    try {
      data.readFully(payload);
    } catch (EOFException e) {
      throw new IOException("npy data is truncated: " + bytes + " bytes expected");
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    return new NpyArray(dtype, width, shape, payload);
  }
}
