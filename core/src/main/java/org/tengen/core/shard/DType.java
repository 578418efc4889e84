package org.tengen.core.shard;

/** The NumPy element types Tengen's shards use, with their {@code descr} strings. */
public enum DType {
  BOOL("|b1", 1),
  INT8("|i1", 1),
  UINT8("|u1", 1),
  INT16("<i2", 2),
  INT32("<i4", 4),
  INT64("<i8", 8),
  FLOAT32("<f4", 4),
  FLOAT64("<f8", 8),
  /** Fixed-width unicode, 4 bytes (UTF-32LE) per character; the width is per array. */
  UNICODE("<U", 4);

  private final String descr;
  private final int itemSize;

  DType(String descr, int itemSize) {
    this.descr = descr;
    this.itemSize = itemSize;
  }

  public String descr() {
    return descr;
  }

  /** Bytes per element; for {@link #UNICODE}, per character. */
  public int itemSize() {
    return itemSize;
  }

  /**
   * The type of a NumPy descr. {@code <} and {@code |} are accepted where NumPy writes either,
   * {@code =} too (this machine is little-endian-only for shards); big-endian is refused.
   */
  static DType ofDescr(String descr) {
    if (descr.length() < 2) {
      throw new IllegalArgumentException("dtype '" + descr + "' is not supported");
    }
    char order = descr.charAt(0);
    String kind = descr.substring(1);
    if (order == '>') {
      throw new IllegalArgumentException("big-endian dtype '" + descr + "' is not supported");
    }
    if (order != '<' && order != '|' && order != '=') {
      throw new IllegalArgumentException("dtype '" + descr + "' is not supported");
    }
    if (kind.startsWith("U") && kind.length() > 1) {
      return UNICODE;
    }
    for (DType t : values()) {
      if (t != UNICODE && t.descr.substring(1).equals(kind)) {
        return t;
      }
    }
    throw new IllegalArgumentException("dtype '" + descr + "' is not supported");
  }
}
