package org.tengen.core.client;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Capped exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base·2^n)],
 * so that many workers coming back after an outage spread out instead of arriving together.
 */
public final class Backoff {

  private final Duration base;
  private final Duration cap;
  private final SplittableRandom random;

  public Backoff(Duration base, Duration cap, long seed) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
    this.base = base;
    this.cap = cap;
    this.random = new SplittableRandom(seed);
  }

  /** The wait before retry number {@code attempt} (0 for the first retry). */
  public synchronized Duration delay(int attempt) {
    long ceiling = base.toMillis();
    for (int i = 0; i < attempt && ceiling < cap.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, cap.toMillis());
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  public Duration cap() {
    return cap;
  }
}
