package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's device: a hyperparameter (SageMaker passes no command line of ours), checked. */
class DeviceHyperparameterTest {

  @Test
  void theDeviceHyperparameterIsParsedAndDefaultsToAuto() {
    assertEquals("auto", Hyperparameters.parse(Map.of()).device());
    assertEquals("gpu(1)", Hyperparameters.parse(Map.of("device", "gpu(1)")).device());
    assertEquals("cpu", Hyperparameters.parse(Map.of("device", " cpu ")).device());
    Hyperparameters.Invalid e =
        assertThrows(
            Hyperparameters.Invalid.class, () -> Hyperparameters.parse(Map.of("device", "cuda:0")));
    assertTrue(e.getMessage().startsWith("device: 'cuda:0'"), e.getMessage());
    assertTrue(Hyperparameters.parse(Map.of("device", "gpu")).warnings().isEmpty());
  }

  @Test
  void theJobSaysWhichDeviceItChoseAndWhy(@TempDir Path ml) throws Exception {
    Files.createDirectories(ml.resolve("input/config"));
    Files.writeString(
        ml.resolve("input/config/hyperparameters.json"), "{\"device\":\"gpu(0)\",\"steps\":\"1\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        TrainMain.run(
            new String[] {"train", "--ml-root", ml.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Map.of());
    String text = out.toString(StandardCharsets.UTF_8);
    boolean cuda =
        ai.djl.engine.Engine.getInstance().hasCapability(ai.djl.engine.StandardCapabilities.CUDA);
    if (cuda) {
      assertTrue(text.contains("on gpu(0) (gpu(0) as configured)"), text);
    } else {
      // The hyperparameter asks for a GPU that this libtorch cannot use: a clear failure, written
      // where SageMaker shows it, not a silent CPU run.
      assertTrue(code != 0 && text.contains("libtorch has no CUDA"), text);
      assertTrue(
          Files.readString(ml.resolve("output/failure")).contains("libtorch has no CUDA"),
          "SageMaker's failure reason");
    }
  }
}
