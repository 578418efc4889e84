package org.tengen.network.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;

class SelfTestTest {

  private static Network net;

  @BeforeAll
  static void load() {
    net = Network.random(NetworkName.parse("test-b2c16-s0-d0"), 5, Device.cpu());
  }

  @AfterAll
  static void close() {
    net.close();
  }

  @Test
  void aDeviceThatComputesDifferentlyInBatchesIsCaught() {
    // Like a broken GPU kernel: answers drift with the position inside the batch.
    SelfTest.Result r =
        SelfTest.run(
            (positions, symmetries) -> {
              Evaluation[] out = net.evaluate(positions, symmetries);
              for (int i = 1; i < out.length; i++) {
                Evaluation e = out[i];
                out[i] =
                    new Evaluation(
                        e.policy(), e.win() * 0.9f, e.loss(), e.draw(), e.score(), e.ownership());
              }
              return out;
            });
    assertFalse(r.passed());
    assertTrue(r.failure().contains("differ"), r.failure());
  }

  @Test
  void nonFiniteOutputsAreCaught() {
    SelfTest.Result r =
        SelfTest.run(
            (positions, symmetries) -> {
              Evaluation[] out = net.evaluate(positions, symmetries);
              Evaluation e = out[0];
              float[] policy = e.policy().clone();
              policy[0] = Float.NaN;
              out[0] =
                  new Evaluation(policy, e.win(), e.loss(), e.draw(), e.score(), e.ownership());
              return out;
            });
    assertFalse(r.passed());
    assertTrue(r.failure().contains("not finite"), r.failure());
  }

  @Test
  void aFailingDeviceIsReportedNotThrown() {
    SelfTest.Result r =
        SelfTest.run(
            (p, s) -> {
              throw new IllegalStateException(
                  "CUDA error: an illegal memory access was encountered");
            });
    assertFalse(r.passed());
    assertTrue(r.failure().contains("illegal memory access"), r.failure());
  }
}
