package org.tengen.network.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;
import org.tengen.network.model.Precision;
import org.tengen.network.model.ReferenceOutputs;

/**
 * The numerical self-test run when a network is loaded: the same positions evaluated in one batch
 * and one by one, and a symmetric position under all 8 symmetries, must agree within a tolerance,
 * and every output must be finite. A broken GPU, driver or library shows up here before it produces
 * a single game.
 */
public final class SelfTest {

  /**
   * The outcome: the largest disagreement of the device with itself, the largest with the reference
   * outputs stored with the network (NaN where it has none), and why the test failed (null if it
   * passed).
   */
  public record Result(double maxDeviation, double referenceDeviation, String failure) {

    Result(double maxDeviation, String failure) {
      this(maxDeviation, Double.NaN, failure);
    }

    public boolean passed() {
      return failure == null;
    }

    /** Whether the network carried reference outputs to compare with. */
    public boolean comparedWithReference() {
      return !Double.isNaN(referenceDeviation);
    }
  }

  /**
   * Tolerance on probabilities and ownership in FP32 (score: 20 times it); an FP16 network's is
   * {@link Precision#selfTestTolerance}.
   */
  public static final double TOLERANCE = Precision.FP32.selfTestTolerance();

  private SelfTest() {}

  /** Batched evaluation as a network offers it; the self-test only needs this. */
  @FunctionalInterface
  public interface BatchEvaluation {
    Evaluation[] evaluate(List<Features.Position> positions, Symmetry[] symmetries);
  }

  public static Result run(Network network) {
    return run(network::evaluate, network.references(), network.precision().selfTestTolerance());
  }

  /** The self-test against any batched evaluation (a network, or a faulty stand-in in tests). */
  public static Result run(BatchEvaluation network) {
    return run(network, List.of());
  }

  /**
   * The self-test, then a comparison with the reference outputs: a device that is wrong the same
   * way in every batch and under every symmetry agrees with itself and fails only here.
   */
  public static Result run(BatchEvaluation network, List<ReferenceOutputs.Reference> references) {
    return run(network, references, TOLERANCE);
  }

  /** The same with {@code tolerance} between the device's own answers (its precision's). */
  public static Result run(
      BatchEvaluation network, List<ReferenceOutputs.Reference> references, double tolerance) {
    Result self = consistency(network, tolerance);
    if (!self.passed() || references.isEmpty()) {
      return self;
    }
    try {
      Evaluation[] got =
          network.evaluate(
              references.stream().map(ReferenceOutputs.Reference::position).toList(),
              Symmetry.identities(references.size()));
      double worst = 0;
      for (int i = 0; i < got.length; i++) {
        String bad = finite(got[i]);
        if (bad != null) {
          return new Result(self.maxDeviation(), Double.NaN, bad + " (reference positions)");
        }
        worst = Math.max(worst, deviation(references.get(i).expected(), got[i]));
      }
      if (worst > ReferenceOutputs.TOLERANCE) {
        return new Result(
            self.maxDeviation(),
            worst,
            "the outputs differ from the reference outputs stored with the network by "
                + worst
                + " (tolerance "
                + ReferenceOutputs.TOLERANCE
                + "): this device computes something else than where the network was made");
      }
      return new Result(self.maxDeviation(), worst, null);
    } catch (RuntimeException e) {
      return new Result(Double.NaN, Double.NaN, "evaluation failed: " + e);
    }
  }

  private static Result consistency(BatchEvaluation network, double tolerance) {
    try {
      List<Features.Position> positions = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(12345);
      int[] sizes = {9, 13, 19, 9, 19, 7};
      for (int i = 0; i < sizes.length; i++) {
        Game game = new Game(sizes[i], Rules.chinese());
        Playout.playOut(game, random, 10 + 25 * i);
        positions.add(Features.of(game));
      }
      double worst = 0;
      Evaluation[] batch = network.evaluate(positions, Symmetry.identities(positions.size()));
      for (Evaluation e : batch) {
        String bad = finite(e);
        if (bad != null) {
          return new Result(Double.NaN, bad + " (batched)");
        }
      }
      for (int i = 0; i < positions.size(); i++) {
        Evaluation alone =
            network.evaluate(List.of(positions.get(i)), new Symmetry[] {Symmetry.IDENTITY})[0];
        String bad = finite(alone);
        if (bad != null) {
          return new Result(Double.NaN, bad);
        }
        worst = Math.max(worst, deviation(batch[i], alone));
      }
      Features.Position empty = Features.of(new Game(9, Rules.chinese()));
      List<Features.Position> eight = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        eight.add(empty);
      }
      Evaluation[] sym = network.evaluate(eight, Symmetry.values());
      for (int i = 1; i < 8; i++) {
        Evaluation moved =
            new Evaluation(
                Symmetry.of(i).applyToPolicy(sym[i].policy(), 9),
                sym[i].win(),
                sym[i].loss(),
                sym[i].draw(),
                sym[i].score(),
                Symmetry.of(i).applyToPlane(sym[i].ownership(), 9));
        worst = Math.max(worst, deviation(sym[0], moved));
      }
      if (worst > tolerance) {
        return new Result(
            worst,
            "batched and single evaluations differ by " + worst + " (tolerance " + tolerance + ")");
      }
      return new Result(worst, null);
    } catch (RuntimeException e) {
      return new Result(Double.NaN, "evaluation failed: " + e);
    }
  }

  private static String finite(Evaluation e) {
    for (float p : e.policy()) {
      if (!Float.isFinite(p)) {
        return "policy output is not finite";
      }
    }
    for (float o : e.ownership()) {
      if (!Float.isFinite(o)) {
        return "ownership output is not finite";
      }
    }
    if (!Float.isFinite(e.win() + e.loss() + e.draw() + e.score())) {
      return "value or score output is not finite";
    }
    return null;
  }

  static double deviation(Evaluation a, Evaluation b) {
    double d = 0;
    for (int i = 0; i < a.policy().length; i++) {
      d = Math.max(d, Math.abs(a.policy()[i] - b.policy()[i]));
    }
    for (int i = 0; i < a.ownership().length; i++) {
      d = Math.max(d, Math.abs(a.ownership()[i] - b.ownership()[i]));
    }
    d = Math.max(d, Math.abs(a.win() - b.win()));
    d = Math.max(d, Math.abs(a.loss() - b.loss()));
    d = Math.max(d, Math.abs(a.score() - b.score()) / 20);
    return d;
  }
}
