package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Game;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.network.eval.SelfTest;
import org.tengen.network.features.Features;

/** The same code on a CUDA GPU: the same file loads there and answers as on the CPU. */
class NetworkGpuTest {

  @Test
  void aNetworkOnTheGpuAnswersAsOnTheCpu() throws Exception {
    assumeTrue(
        Engine.getInstance().getGpuCount() > 0,
        "no CUDA GPU visible to libtorch here; NetworkTest covers the same code on the CPU");
    try (Network cpu = Network.random(NetworkName.parse("gpu-b2c16-s0-d0"), 1, Device.cpu());
        Network gpu = NetworkFile.load(NetworkFile.toBytes(cpu), null, Device.gpu())) {
      assertEquals(Device.gpu(), gpu.device());
      assertTrue(SelfTest.run(gpu).passed());
      Features.Position p = Features.of(new Game(19, Rules.chinese()));
      Evaluation a = cpu.evaluate(List.of(p))[0];
      Evaluation b = gpu.evaluate(List.of(p))[0];
      assertArrayEquals(a.policy(), b.policy(), 1e-3f);
      assertEquals(a.value(), b.value(), 1e-3);
      // auto's choice on a GPU: FP16, checked against the FP32 answers the file carries.
      try (Network half = gpu.inPrecision(Precision.of("auto", gpu.device()))) {
        assertEquals(Precision.FP16, half.precision());
        SelfTest.Result test = SelfTest.run(half);
        assertTrue(test.passed(), String.valueOf(test.failure()));
        assertTrue(test.comparedWithReference());
        Evaluation c = half.evaluate(List.of(p))[0];
        assertArrayEquals(a.policy(), c.policy(), (float) ReferenceOutputs.TOLERANCE);
      }
    }
  }
}
