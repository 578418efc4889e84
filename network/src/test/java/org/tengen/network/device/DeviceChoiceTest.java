package org.tengen.network.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

  @Test
  void namesAreParsedHereNotByDjl() {
    assertEquals(Device.cpu(), DeviceChoice.of("cpu", () -> true).device());
    assertEquals(Device.gpu(0), DeviceChoice.of("gpu", () -> true).device());
    // DJL's Device.fromName does not read "gpu(1)", which the configuration advertises.
    assertEquals(Device.gpu(1), DeviceChoice.of("gpu(1)", () -> true).device());
    assertEquals(Device.gpu(12), DeviceChoice.of(" gpu(12) ", () -> true).device());
    for (String bad : new String[] {"cuda", "gpu()", "gpu(-1)", "gpu(1", "GPU", "tpu", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DeviceChoice.of(bad, () -> true), bad);
      assertTrue(e.getMessage().contains("auto, cpu, gpu or gpu(N)"), e.getMessage());
      assertFalse(DeviceChoice.isValidName(bad), bad);
    }
    assertTrue(DeviceChoice.isValidName("gpu(3)"));
  }

  @Test
  void autoFollowsLibtorchsCudaAndSaysWhy() {
    DeviceChoice gpu = DeviceChoice.of("auto", () -> true);
    assertEquals(Device.gpu(0), gpu.device());
    assertTrue(gpu.reason().contains("libtorch has CUDA"), gpu.reason());
    DeviceChoice cpu = DeviceChoice.of(null, () -> false);
    assertEquals(Device.cpu(), cpu.device());
    assertTrue(cpu.reason().contains("--gpus all"), cpu.reason());
  }

  @Test
  void aGpuThatLibtorchLacksIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.of("gpu(0)", () -> false));
    assertTrue(e.getMessage().contains("no CUDA"), e.getMessage());
  }

  @Test
  void aGpuMachineWithTheCpuLibtorchIsToldHowToUseItsGpu() {
    DeviceChoice auto = DeviceChoice.of("auto", () -> false, () -> true);
    assertEquals(Device.cpu(), auto.device());
    assertTrue(auto.reason().contains("./tengen gpu-setup"), auto.reason());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DeviceChoice.of("gpu", () -> false, () -> true));
    assertTrue(e.getMessage().contains("./tengen gpu-setup"), e.getMessage());
    // without the driver, the hint would mislead: the reasons stay the general ones
    assertFalse(DeviceChoice.of("auto", () -> false, () -> false).reason().contains("gpu-setup"));
    assertEquals(Device.gpu(0), DeviceChoice.of("auto", () -> true, () -> true).device());
  }

  @Test
  void thisMachinesLibtorchIsAskedForAuto() {
    // The build's libtorch is the CPU flavour: auto must say so, and not fail.
    DeviceChoice here = DeviceChoice.of("auto");
    assertEquals(
        ai.djl.engine.Engine.getInstance().hasCapability(ai.djl.engine.StandardCapabilities.CUDA)
            ? Device.gpu(0)
            : Device.cpu(),
        here.device());
  }
}
