package org.tengen.core.go;

import java.util.Arrays;

/** An open-addressing set of 64-bit position hashes, for superko. */
final class LongHashSet {
  private long[] keys;
  private int count;
  private boolean hasZero;

  LongHashSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
  }

  LongHashSet(LongHashSet other) {
    keys = other.keys.clone();
    count = other.count;
    hasZero = other.hasZero;
  }

  boolean contains(long key) {
    if (key == 0) {
      return hasZero;
    }
    int mask = keys.length - 1;
    int i = spread(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return true;
      }
      if (k == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  void add(long key) {
    if (key == 0) {
      hasZero = true;
      return;
    }
    if ((count + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = spread(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return;
      }
      if (k == 0) {
        keys[i] = key;
        count++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  void clear() {
    Arrays.fill(keys, 0);
    count = 0;
    hasZero = false;
  }

  private void grow() {
    long[] old = keys;
    keys = new long[old.length * 2];
    count = 0;
    for (long k : old) {
      if (k != 0) {
        add(k);
      }
    }
  }

  private static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }
}
