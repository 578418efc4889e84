package org.tengen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineProbeTest {
  @Test
  void pytorchRunsOffline() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      assertEquals(6f, a.sum().getFloat());
      System.out.println(
          Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    }
  }
}
