package org.tengen.network.eval;

import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;

/** Something that evaluates positions for a search; thread-safe. */
public interface Evaluator {
  /** The evaluation of a position; may block while a batch fills. */
  Evaluation evaluate(Features.Position position);
}
