package org.tengen.functions.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes of well-formed keys that no contributor has, remembered for a while, so that a client
 * repeating a junk key costs no DynamoDB lookup after the first. Safe to remember: a key is drawn
 * at random when a contributor is created, so a hash that is unknown now stays unknown. Bounded:
 * the oldest entries go first when it is full.
 */
final class UnknownKeys {

  private final int capacity;
  private final long ttlNanos;
  private final Map<String, Long> seen;

  UnknownKeys(int capacity, Duration ttl) {
    this.capacity = capacity;
    this.ttlNanos = ttl.toNanos();
    this.seen = new LinkedHashMap<>(16, 0.75f, false);
  }

  /** Whether {@code hash} was found unknown less than the time to live before {@code now}. */
  synchronized boolean contains(String hash, long now) {
    Long at = seen.get(hash);
    if (at == null) {
      return false;
    }
    if (now - at > ttlNanos) {
      seen.remove(hash);
      return false;
    }
    return true;
  }

  synchronized void add(String hash, long now) {
    seen.remove(hash);
    seen.put(hash, now);
    while (seen.size() > capacity) {
      seen.remove(seen.keySet().iterator().next());
    }
  }

  synchronized int size() {
    return seen.size();
  }
}
