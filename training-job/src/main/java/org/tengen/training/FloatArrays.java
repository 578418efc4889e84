package org.tengen.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A float array in the job's state files: its length (int), then its values (float32 each). */
final class FloatArrays {

  private FloatArrays() {}

  static void write(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float x : values) {
      out.writeFloat(x);
    }
  }

  /**
   * Reads an array that must hold {@code expected} values.
   *
   * @param what names the array in the error when the length differs
   */
  static float[] read(DataInputStream in, long expected, String what) throws IOException {
    int length = in.readInt();
    if (length != expected) {
      throw new IOException(what + " has " + length + " values, not " + expected);
    }
    float[] values = new float[length];
    for (int j = 0; j < length; j++) {
      values[j] = in.readFloat();
    }
    return values;
  }
}
