package org.tengen.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tengen gpu-setup} installs PyTorch's CUDA build from its cu128 index and names its
 * libtorch for DJL; a failed install leaves no file that would point the worker at nothing. Python
 * is a stand-in here (this machine has no network to PyPI): a {@code python3} that makes a venv
 * whose pip records its arguments.
 */
class GpuSetupTest {

  private static final Path LAUNCHER = Path.of("../tengen").toAbsolutePath().normalize();

  private static Path fakePython(Path dir, boolean pipWorks) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("fakebin"));
    String pip = pipWorks ? "echo \"$*\" > \"$v/pip.args\"" : "echo 'no network' >&2; exit 1";
    String script =
        String.join(
            "\n",
            "#!/bin/bash",
            "[ \"$1\" = -m ] && [ \"$2\" = venv ] || exit 9",
            "v=\"$3\"",
            "mkdir -p \"$v/bin\" \"$v/lib/torch/lib\"",
            "printf '#!/bin/bash\\nv=%s\\n%s\\n' \"$v\" '" + pip + "' > \"$v/bin/pip\"",
            "printf '#!/bin/bash\\necho %s/lib/torch/lib\\n' \"$v\" > \"$v/bin/python\"",
            "chmod +x \"$v/bin/pip\" \"$v/bin/python\"",
            "");
    Path python = bin.resolve("python3");
    Files.writeString(python, script);
    assertTrue(python.toFile().setExecutable(true));
    return bin;
  }

  private static Process setup(Path dir, Path bin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "gpu-setup");
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("TENGEN_TORCH_HOME", dir.resolve("torch").toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpu-setup ended");
    return p;
  }

  @Test
  void installsTheCudaBuildAndNamesItsLibtorch(@TempDir Path dir) throws Exception {
    Process p = setup(dir, fakePython(dir, true));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    Path torch = dir.resolve("torch");
    String pipArgs = Files.readString(torch.resolve("pip.args")).strip();
    assertTrue(
        pipArgs.contains("--index-url https://download.pytorch.org/whl/cu128")
            && pipArgs.endsWith("torch==2.7.1"),
        pipArgs);
    assertEquals(
        String.join(
            "\n",
            "PYTORCH_LIBRARY_PATH=" + torch.resolve("lib/torch/lib"),
            "PYTORCH_VERSION=2.7.1",
            "PYTORCH_FLAVOR=cu128",
            ""),
        Files.readString(torch.resolve("torch.env")));
  }

  @Test
  void aFailedInstallSaysWhyAndWritesNothing(@TempDir Path dir) throws Exception {
    Process p = setup(dir, fakePython(dir, false));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("pip could not install torch==2.7.1"), out);
    assertFalse(Files.exists(dir.resolve("torch/torch.env")));
  }
}
