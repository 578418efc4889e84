package org.tengen.worker.search;

import java.util.SplittableRandom;

/** Gamma variates for Dirichlet noise (Marsaglia and Tsang, with the α < 1 boost). */
final class Dirichlet {

  private Dirichlet() {}

  static double gamma(double alpha, SplittableRandom random) {
    if (alpha < 1) {
      double u = random.nextDouble();
      return gamma(alpha + 1, random) * Math.pow(u, 1 / alpha);
    }
    double d = alpha - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    // Box-Muller; one of the pair is enough here.
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
