package org.tengen.worker.search;

import org.tengen.network.eval.Evaluator;

/** Lets tests of other packages use the counting evaluator. */
public final class MctsTestAccess {
  private MctsTestAccess() {}

  public static Evaluator counting() {
    return MctsTest.COUNTING;
  }
}
