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
    return of(requested, DeviceChoice::libtorchHasCuda);
  }

  /** As {@link #of(String)}, with {@code cuda} answering whether libtorch has CUDA. */
  public static DeviceChoice of(String requested, BooleanSupplier cuda) {
    String name = requested == null ? "auto" : requested.strip();
    if (name.equals("cpu")) {
      return new DeviceChoice(Device.cpu(), "cpu as configured");
    }
    if (name.equals("auto")) {
      return cuda.getAsBoolean()
          ? new DeviceChoice(Device.gpu(0), "auto: libtorch has CUDA, so gpu(0)")
          : new DeviceChoice(
              Device.cpu(),
              "auto: libtorch has no CUDA (a CPU build of libtorch, no NVIDIA driver, or no GPU"
                  + " given to the container, e.g. docker run --gpus all), so the CPU");
    }
    Matcher m = GPU.matcher(name);
    if (m.matches()) {
      int id = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      if (!cuda.getAsBoolean()) {
        throw new IllegalArgumentException(
            "device '"
                + name
                + "': libtorch has no CUDA here (a CPU build of libtorch, no NVIDIA driver, or no"
                + " GPU given to the container); use cpu or auto");
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

  private static boolean libtorchHasCuda() {
    return Engine.getInstance().hasCapability(StandardCapabilities.CUDA);
  }

  @Override
  public String toString() {
    return device + " (" + reason + ")";
  }
}
