package org.tengen.training;

/**
 * The learning rate over a lineage's optimizer steps (every job's, counted from the run's first): a
 * linear warm-up from zero, then an exponential decay that halves the rate every {@code
 * halvingSteps} steps. KataGo warms up at the start of a run and lowers its rate late in one; the
 * local loop measures both (docs/results.md) and trains at a constant rate by default.
 *
 * @param base the rate after the warm-up, before any decay
 * @param warmupSteps the rate rises linearly over the lineage's first this many steps (0: none)
 * @param halvingSteps the rate halves every this many steps, counted from the lineage's first (0:
 *     no decay)
 */
public record LearningRate(double base, long warmupSteps, long halvingSteps) {

  public LearningRate {
    if (!(base > 0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("learning rate " + base + " is not above 0");
    }
    if (warmupSteps < 0 || halvingSteps < 0) {
      throw new IllegalArgumentException(
          "warm-up " + warmupSteps + " and halving " + halvingSteps + " steps: 0 (off) or more");
    }
  }

  /** A constant rate. */
  public static LearningRate constant(double base) {
    return new LearningRate(base, 0, 0);
  }

  /** The rate of lineage step {@code step} (counting from 1). */
  public double at(long step) {
    double rate = base;
    if (warmupSteps > 0) {
      rate *= Math.min(1.0, (double) step / warmupSteps);
    }
    if (halvingSteps > 0) {
      rate *= Math.pow(0.5, (double) step / halvingSteps);
    }
    return rate;
  }
}
