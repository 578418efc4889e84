package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.eval.SelfTest;

/**
 * FP16 evaluation. libtorch computes FP16 on a CPU too (slowly, in emulation), so the conversion,
 * the outputs and the self-test against the file's FP32 answers are all tested here; NetworkGpuTest
 * runs the same on a GPU where there is one.
 */
class PrecisionTest {

  private static final NetworkName NAME = NetworkName.parse("half-b2c16-s0-d0");

  @Test
  void autoIsHalfOnAGpuOnly() {
    assertEquals(Precision.FP32, Precision.of("auto", Device.cpu()));
    assertEquals(Precision.FP16, Precision.of("auto", Device.gpu()));
    assertEquals(Precision.FP16, Precision.of("FP16", Device.cpu()), "asked for, even on a CPU");
    assertEquals(Precision.FP32, Precision.of(" fp32 ", Device.gpu()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Precision.of("bf16", Device.gpu()));
    assertEquals("precision: 'bf16' is not auto, fp32 or fp16", e.getMessage());
    assertFalse(Precision.isValidName(null));
  }

  /** A network whose residual blocks take part (fresh networks have zero gates). */
  private static Network trained() {
    Network net = Network.random(NAME, 5, Device.cpu());
    for (var p : net.parameters()) {
      if (p.getKey().endsWith("gate")) {
        p.getValue().getArray().addi(0.7f);
      }
    }
    return net;
  }

  @Test
  void halfAnswersAsFullWithinItsToleranceAndPassesTheSelfTest() throws IOException {
    try (Network made = trained();
        Network full = NetworkFile.load(NetworkFile.toBytes(made), null, Device.cpu());
        Network half = full.inPrecision(Precision.FP16)) {
      assertSame(full, full.inPrecision(Precision.FP32), "already in FP32");
      assertEquals(Precision.FP16, half.precision());
      assertSame(half, half.inPrecision(Precision.FP16));
      for (var p : half.parameters().values()) {
        assertEquals(DataType.FLOAT16, p.getArray().getDataType(), p.getName());
      }
      assertEquals(full.parameterCount(), half.parameterCount());
      double worst = 0;
      for (ReferenceOutputs.Reference r : full.references()) {
        Evaluation a = full.evaluate(List.of(r.position()))[0];
        Evaluation b = half.evaluate(List.of(r.position()))[0];
        for (int i = 0; i < a.policy().length; i++) {
          worst = Math.max(worst, Math.abs(a.policy()[i] - b.policy()[i]));
        }
        for (int i = 0; i < a.ownership().length; i++) {
          worst = Math.max(worst, Math.abs(a.ownership()[i] - b.ownership()[i]));
        }
        worst = Math.max(worst, Math.abs(a.win() - b.win()));
        worst = Math.max(worst, Math.abs(a.score() - b.score()) / 20);
      }
      assertTrue(worst > 0, "FP16 rounds: its answers are not FP32's to the bit");
      assertTrue(worst < ReferenceOutputs.TOLERANCE, "FP16 against FP32: " + worst);
      SelfTest.Result test = SelfTest.run(half);
      assertTrue(test.passed(), String.valueOf(test.failure()));
      assertTrue(test.comparedWithReference(), "compared with the file's FP32 answers");
      assertTrue(test.referenceDeviation() > 0, "FP16 is checked against FP32, not itself");
    }
  }

  /**
   * Weights FP16 cannot hold (a network whose activations pass 65,504, FP16's largest number): the
   * FP16 self-test refuses it, the same network in FP32 passes.
   */
  @Test
  void aNetworkBeyondHalfsRangeIsRefusedInHalfOnly() throws IOException {
    try (Network made = trained()) {
      for (var p : made.parameters()) {
        if (p.getKey().startsWith("01input") || p.getKey().contains("input_")) {
          p.getValue().getArray().muli(3000f);
        }
      }
      try (Network full = NetworkFile.load(NetworkFile.toBytes(made), null, Device.cpu());
          Network half = full.inPrecision(Precision.FP16)) {
        SelfTest.Result fp32 = SelfTest.run(full);
        assertTrue(fp32.passed(), String.valueOf(fp32.failure()));
        SelfTest.Result fp16 = SelfTest.run(half);
        assertFalse(fp16.passed(), "FP16 overflowed and was not caught");
        assertTrue(
            fp16.failure().contains("not finite") || fp16.failure().contains("differ"),
            fp16.failure());
      }
    }
  }
}
