package org.tengen.network.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device a worker or training job runs on, from the names the configuration and the command
 * lines take ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu(N)}), with the reason, for the
 * first line of the program's log.
 *
 * <p>{@code auto} asks libtorch itself whether it has CUDA (the engine's CUDA capability), not
 * DJL's GPU count: that one dlopens {@code libcudart} through JNA, which does not find the CUDA
 * runtime that a pip-installed PyTorch keeps beside its own libraries, and so reads 0 on a machine
 * whose libtorch uses its GPU well.
 *
 * @param device the device to use
 * @param reason why, in words
 */
public record DeviceChoice(Device device, String reason) {

  private static final Pattern GPU = Pattern.compile("gpu(?:\\((\\d{1,2})\\))?");

  /**
   * The device named {@code requested}, deciding {@code auto} with libtorch's answer.
   *
   * @throws IllegalArgumentException naming the accepted forms, or a GPU that libtorch lacks
   */
  public static DeviceChoice of(String requested) {
    return of(requested, DeviceChoice::libtorchHasCuda, DeviceChoice::nvidiaDriverLoaded);
  }

  /**
   * As {@link #of(String)}, with {@code cuda} answering whether libtorch has CUDA, on a machine
   * without an NVIDIA driver.
   */
  public static DeviceChoice of(String requested, BooleanSupplier cuda) {
    return of(requested, cuda, () -> false);
  }

  /**
   * As {@link #of(String)}, with {@code cuda} answering whether libtorch has CUDA and {@code
   * driver} whether the machine has an NVIDIA driver loaded: a GPU machine whose libtorch is the
   * CPU build (the launcher's, before {@code ./tengen gpu-setup}) is told how to use its GPU.
   */
  public static DeviceChoice of(String requested, BooleanSupplier cuda, BooleanSupplier driver) {
    String name = requested == null ? "auto" : requested.strip();
    if (name.equals("cpu")) {
      return new DeviceChoice(Device.cpu(), "cpu as configured");
    }
    if (name.equals("auto")) {
      if (cuda.getAsBoolean()) {
        return new DeviceChoice(Device.gpu(0), "auto: libtorch has CUDA, so gpu(0)");
      }
      return new DeviceChoice(
          Device.cpu(),
          driver.getAsBoolean()
              ? "auto: this machine has an NVIDIA driver but this libtorch is a CPU build, so the"
                  + " CPU; "
                  + GPU_SETUP
              : "auto: libtorch has no CUDA (a CPU build of libtorch, no NVIDIA driver, or no GPU"
                  + " given to the container, e.g. docker run --gpus all), so the CPU");
    }
    Matcher m = GPU.matcher(name);
    if (m.matches()) {
      int id = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      if (!cuda.getAsBoolean()) {
        throw new IllegalArgumentException(
            "device '"
                + name
                + (driver.getAsBoolean()
                    ? "': this machine has an NVIDIA driver but this libtorch is a CPU build; "
                        + GPU_SETUP
                    : "': libtorch has no CUDA here (a CPU build of libtorch, no NVIDIA driver, or"
                        + " no GPU given to the container); use cpu or auto"));
      }
      return new DeviceChoice(Device.gpu(id), name + " as configured");
    }
    throw new IllegalArgumentException(
        "device '" + name + "' is not auto, cpu, gpu or gpu(N) (N a GPU's number, from 0)");
  }

  /** Whether the names parse, without asking any engine (for configuration checks). */
  public static boolean isValidName(String name) {
    return name != null
        && (name.equals("auto") || name.equals("cpu") || GPU.matcher(name.strip()).matches());
  }

  private static final String GPU_SETUP =
      "to play on the GPU outside the container, run ./tengen gpu-setup once (it installs PyTorch"
          + " 2.7.1 with CUDA 12.8, whose libtorch the launcher then loads)";

  /** Whether an NVIDIA kernel driver is loaded (what nvidia-smi needs too). */
  private static boolean nvidiaDriverLoaded() {
    return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/driver/nvidia/version"));
  }

  private static boolean libtorchHasCuda() {
    return Engine.getInstance().hasCapability(StandardCapabilities.CUDA);
  }

  @Override
  public String toString() {
    return device + " (" + reason + ")";
  }
}
