package org.tengen.network.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Evaluation;
import org.tengen.network.model.Network;
import org.tengen.network.model.Precision;
import org.tengen.network.profile.RawSpeed;

class EngineChoiceTest {

  private static Network network() {
    return Network.random(NetworkName.parse("test-b2c16-s0-d0"), 3, Device.cpu());
  }

  @Test
  void libtorchAsSetKeepsTheNetwork() {
    try (Network net = network()) {
      EngineChoice.Choice c = EngineChoice.apply(net, "libtorch", 9, 8, 0.1);
      assertTrue(c.network() == net);
      assertEquals("libtorch", c.network().engineDescription());
    }
  }

  @Test
  void javaAsSetAnswersAsLibtorchDoes() {
    Network net = network();
    var positions = RawSpeed.positions(9, 4, new SplittableRandom(5));
    Evaluation[] torch = net.evaluate(positions);
    try (Network java = EngineChoice.apply(net, " Java ", 9, 8, 0.1).network()) {
      assertTrue(java.engineDescription().startsWith("the Java engine"), java.engineDescription());
      Evaluation[] vector = java.evaluate(positions);
      for (int i = 0; i < torch.length; i++) {
        assertEquals(torch[i].win(), vector[i].win(), 1e-4);
        assertEquals(torch[i].score(), vector[i].score(), 1e-3);
      }
    }
  }

  @Test
  void autoTimesBothAndSaysWhich() {
    Network net = network();
    EngineChoice.Choice c = EngineChoice.apply(net, "auto", 9, 4, 0.2);
    try (Network chosen = c.network()) {
      assertTrue(c.reason().startsWith("engine auto: "), c.reason());
      assertTrue(c.reason().contains("evaluations/s against libtorch's"), c.reason());
      boolean java = !chosen.engineDescription().equals("libtorch");
      assertEquals(java, c.reason().startsWith("engine auto: the Java engine"), c.reason());
    }
  }

  @Test
  void fp16StaysWithLibtorchUnderAutoAndIsRefusedByJava() {
    try (Network net = network();
        Network half = net.inPrecision(Precision.FP16)) {
      EngineChoice.Choice c = EngineChoice.apply(half, "auto", 9, 4, 0.1);
      assertTrue(c.network() == half);
      assertTrue(c.reason().contains("fp16"), c.reason());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> EngineChoice.apply(half, "java", 9, 4, 0.1));
      assertTrue(e.getMessage().contains("fp32"), e.getMessage());
    }
  }

  @Test
  void anUnknownSettingIsRefusedByName() {
    try (Network net = network()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> EngineChoice.apply(net, "onnx", 9, 4, 0.1));
      assertTrue(e.getMessage().contains("'onnx'"), e.getMessage());
    }
  }
}
