package org.tengen.worker.search;

import java.util.SplittableRandom;

/**
 * The root of a search after Gumbel AlphaZero (Danihelka, Guez, Schrittwieser and Silver, "Policy
 * improvement by planning with Gumbel", ICLR 2022), which keeps improving the policy with a handful
 * of simulations where PUCT's visit counts say little:
 *
 * <ul>
 *   <li>each legal move gets a Gumbel draw g; the search considers the {@code m} moves with the
 *       largest g + logit (sampling without replacement from the prior), and sequential halving
 *       spreads the simulations over them, halving the moves still considered in each round by g +
 *       logit + σ(q) ({@link #visitSequence});
 *   <li>σ(q) = (c_visit + the most visits of a move) · c_scale · q, with q from [−1, 1] mapped to
 *       [0, 1];
 *   <li>a move never visited is valued at the mixed value: the network's own value of the root
 *       blended with the visited moves' values weighted by their priors ("completed Q");
 *   <li>the policy target is softmax(logit + σ(completed Q)) over every legal move, not the visit
 *       counts, so a move the search had no time to visit still gets the share its prior and the
 *       mixed value give it;
 *   <li>the move played is the most visited with the largest g + logit + σ(q): a sample from the
 *       improved policy where the move is to be sampled, the best of it otherwise (g = 0).
 * </ul>
 *
 * Below the root the search stays PUCT (the paper's deterministic interior selection is left out).
 * One instance per search; not thread-safe.
 */
final class GumbelRoot {

  /** The paper's c_visit: how many visits σ assumes before any has happened. */
  static final double C_VISIT = 50;

  /** The paper's c_scale. */
  static final double C_SCALE = 1.0;

  private final Node[] children;
  private final double rawValue;
  private final double[] logits;
  private final double[] gumbel;
  private final int[] sequence;

  /**
   * @param children the root's expanded children (legal moves)
   * @param rawValue the network's value of the root for its player to move, in [−1, 1]
   * @param considered the most moves considered (the paper's m; at most the legal moves)
   * @param simulations the simulations the search will make below the root
   */
  GumbelRoot(
      Node[] children, double rawValue, int considered, int simulations, SplittableRandom random) {
    this.children = children;
    this.rawValue = rawValue;
    this.logits = new double[children.length];
    this.gumbel = new double[children.length];
    for (int i = 0; i < children.length; i++) {
      logits[i] = Math.log(Math.max(1e-20, children[i].basePrior));
      double u = random.nextDouble();
      gumbel[i] = -Math.log(-Math.log(Math.max(1e-300, u)));
    }
    this.sequence =
        visitSequence(Math.max(1, Math.min(considered, children.length)), Math.max(0, simulations));
  }

  /**
   * The visits a move must have to be chosen at each simulation of sequential halving with {@code
   * considered} moves and {@code simulations} simulations: rounds of equal visits to the moves
   * still considered, each round's share of the simulations about {@code simulations / (log2(m) ·
   * moves considered)} (at least one), the moves halved after each round down to two.
   */
  static int[] visitSequence(int considered, int simulations) {
    int[] out = new int[simulations];
    if (considered <= 1) {
      for (int i = 0; i < simulations; i++) {
        out[i] = i;
      }
      return out;
    }
    int log2 = (int) Math.ceil(Math.log(considered) / Math.log(2));
    int[] visits = new int[considered];
    int left = considered;
    int at = 0;
    while (at < simulations) {
      int extra = Math.max(1, simulations / (log2 * left));
      for (int round = 0; round < extra && at < simulations; round++) {
        for (int i = 0; i < left && at < simulations; i++) {
          out[at++] = visits[i];
        }
        for (int i = 0; i < left; i++) {
          visits[i]++;
        }
      }
      left = Math.max(2, left / 2);
    }
    return out;
  }

  /** The child to descend into at simulation {@code index} (from 0) below the root. */
  Node select(int index) {
    double[] sigma = sigma();
    int wanted = index < sequence.length ? sequence[index] : -1;
    Node best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < children.length; i++) {
      if (children[i].n != wanted) {
        continue;
      }
      double score = gumbel[i] + logits[i] + sigma[i];
      if (score > bestScore) {
        bestScore = score;
        best = children[i];
      }
    }
    if (best != null) {
      return best;
    }
    // Visits outside the schedule (the pass visited first when it ends the game, a longer search):
    // the best-scored of the visited moves, or of all.
    for (int i = 0; i < children.length; i++) {
      double score = gumbel[i] + logits[i] + sigma[i] + (children[i].n > 0 ? 1e9 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = children[i];
      }
    }
    return best;
  }

  /**
   * The move to play: of the most visited moves, the one with the largest logit + σ(q), plus its
   * Gumbel draw when {@code sample}.
   */
  Node chosen(boolean sample) {
    double[] sigma = sigma();
    int most = 0;
    for (Node c : children) {
      most = Math.max(most, c.n);
    }
    Node best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < children.length; i++) {
      if (children[i].n != most) {
        continue;
      }
      double score = (sample ? gumbel[i] : 0) + logits[i] + sigma[i];
      if (score > bestScore) {
        bestScore = score;
        best = children[i];
      }
    }
    return best;
  }

  /** The improved policy softmax(logit + σ(completed Q)), by child. */
  double[] improvedPolicy() {
    double[] sigma = sigma();
    double[] p = new double[children.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      p[i] = logits[i] + sigma[i];
      max = Math.max(max, p[i]);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** σ(completed Q) of each child. */
  private double[] sigma() {
    double mixed = mixedValue();
    int most = 0;
    for (Node c : children) {
      most = Math.max(most, c.n);
    }
    double scale = (C_VISIT + most) * C_SCALE;
    double[] s = new double[children.length];
    for (int i = 0; i < children.length; i++) {
      double q = children[i].n > 0 ? children[i].q() : mixed;
      s[i] = scale * Math.max(0, Math.min(1, (q + 1) / 2));
    }
    return s;
  }

  /**
   * The value an unvisited move is given: the network's value of the root and the visited moves'
   * values (weighted by their priors, renormalised over them) averaged with weights 1 and their
   * visits.
   */
  double mixedValue() {
    int visits = 0;
    double priorVisited = 0;
    double weighted = 0;
    for (Node c : children) {
      if (c.n > 0) {
        visits += c.n;
        double p = Math.max(1e-20, c.basePrior);
        priorVisited += p;
        weighted += p * c.q();
      }
    }
    if (visits == 0) {
      return rawValue;
    }
    return (rawValue + visits * (weighted / priorVisited)) / (1 + visits);
  }
}
