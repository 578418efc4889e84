package org.tengen.core.shard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * An n-dimensional array as NumPy stores it in a {@code .npy} file: element type, shape and the raw
 * little-endian, C-order data.
 *
 * @param width characters per string for {@link DType#UNICODE}, otherwise 0
 */
public record NpyArray(DType dtype, int width, int[] shape, byte[] data) {

  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  public NpyArray {
    shape = shape.clone();
    long elements = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      elements *= d;
    }
    if ((dtype == DType.UNICODE) != (width > 0)) {
      throw new IllegalArgumentException("a string width goes with the unicode dtype only");
    }
    long bytes = elements * dtype.itemSize() * Math.max(1, width);
    if (bytes != data.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " needs "
              + bytes
              + " bytes, data has "
              + data.length);
    }
  }

  /** Number of elements (1 for a 0-d array). */
  public long size() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** The descr NumPy writes in the header, e.g. {@code <f4} or {@code <U40}. */
  public String descr() {
    return dtype == DType.UNICODE ? "<U" + width : dtype.descr();
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private ByteBuffer view() {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void expect(DType... types) {
    for (DType t : types) {
      if (t == dtype) {
        return;
      }
    }
    throw new IllegalArgumentException("array is " + descr() + ", not " + Arrays.toString(types));
  }

  public static NpyArray ofFloats(float[] values, int... shape) {
    ByteBuffer b = buffer(values.length * 4);
    b.asFloatBuffer().put(values);
    return new NpyArray(DType.FLOAT32, 0, shape, b.array());
  }

  public static NpyArray ofInts(int[] values, int... shape) {
    ByteBuffer b = buffer(values.length * 4);
    b.asIntBuffer().put(values);
    return new NpyArray(DType.INT32, 0, shape, b.array());
  }

  public static NpyArray ofShorts(short[] values, int... shape) {
    ByteBuffer b = buffer(values.length * 2);
    b.asShortBuffer().put(values);
    return new NpyArray(DType.INT16, 0, shape, b.array());
  }

  public static NpyArray ofBytes(byte[] values, int... shape) {
    return new NpyArray(DType.INT8, 0, shape, values.clone());
  }

  /** A 0-d unicode array holding one string (what {@code np.array("text")} saves). */
  public static NpyArray ofString(String value) {
    int width = Math.max(1, value.codePointCount(0, value.length()));
    byte[] bytes = value.getBytes(UTF_32LE);
    return new NpyArray(DType.UNICODE, width, new int[0], Arrays.copyOf(bytes, width * 4));
  }

  /** Elements as floats (float32 or float64 arrays). */
  public float[] floats() {
    expect(DType.FLOAT32, DType.FLOAT64);
    float[] out = new float[(int) size()];
    ByteBuffer v = view();
    for (int i = 0; i < out.length; i++) {
      out[i] = dtype == DType.FLOAT32 ? v.getFloat() : (float) v.getDouble();
    }
    return out;
  }

  /** Elements as ints (any integer or bool array). */
  public int[] ints() {
    expect(DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.INT64);
    int[] out = new int[(int) size()];
    ByteBuffer v = view();
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (dtype) {
            case BOOL, INT8 -> v.get();
            case UINT8 -> v.get() & 0xff;
            case INT16 -> v.getShort();
            case INT32 -> v.getInt();
            case INT64 -> Math.toIntExact(v.getLong());
            default -> throw new AssertionError();
          };
    }
    return out;
  }

  /** The strings of a unicode array, trailing NULs removed. */
  public String[] strings() {
    expect(DType.UNICODE);
    String[] out = new String[(int) size()];
    for (int i = 0; i < out.length; i++) {
      String s = new String(data, i * width * 4, width * 4, UTF_32LE);
      int end = s.indexOf('\0');
      out[i] = end < 0 ? s : s.substring(0, end);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a
        && dtype == a.dtype
        && width == a.width
        && Arrays.equals(shape, a.shape)
        && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NpyArray[" + descr() + " " + Arrays.toString(shape) + "]";
  }
}
