package org.tengen.core.shard;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The {@code .npz} format: a zip of {@code name.npy} entries, as {@code numpy.savez} writes. */
public final class Npz {

  /** Most arrays in one file. */
  public static final int MAX_ENTRIES = 64;

  private Npz() {}

  /** Writes arrays in order; {@code compressed} like {@code savez_compressed}, else stored. */
  public static byte[] write(Map<String, NpyArray> arrays, boolean compressed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(compressed ? 6 : 0);
      for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setTime(0); // reproducible bytes for identical content
        zip.putNextEntry(entry);
        Npy.write(e.getValue(), zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads every array of an npz.
   *
   * @param maxBytes most uncompressed bytes in all (protects against zip bombs)
   * @throws IOException naming the entry that is malformed
   */
  public static Map<String, NpyArray> read(byte[] npz, long maxBytes) throws IOException {
    return read(new ByteArrayInputStream(npz), maxBytes);
  }

  public static Map<String, NpyArray> read(InputStream in, long maxBytes) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (!name.endsWith(".npy")) {
          throw new IOException("npz entry '" + name + "' is not a .npy file");
        }
        if (arrays.size() >= MAX_ENTRIES) {
          throw new IOException("npz has more than " + MAX_ENTRIES + " arrays");
        }
        String key = name.substring(0, name.length() - 4);
        if (arrays.containsKey(key)) {
          throw new IOException("npz has the array '" + key + "' twice");
        }
        NpyArray array;
        try {
          array = Npy.read(zip, maxBytes - total);
        } catch (IOException e) {
          throw new IOException("npz entry '" + name + "': " + e.getMessage(), e);
        }
        total += array.data().length;
        arrays.put(key, array);
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed npz: " + e.getMessage(), e);
    }
    if (arrays.isEmpty()) {
      throw new IOException("npz holds no arrays (or is not a zip file)");
    }
    return arrays;
  }
}
