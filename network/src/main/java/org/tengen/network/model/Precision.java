package org.tengen.network.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The number format a loaded network evaluates in. Training and network files are FP32 always; a
 * worker may evaluate in FP16 where the device has FP16 arithmetic (every CUDA GPU a worker can
 * use: twice the throughput of FP32 and tensor cores), never on a CPU, where libtorch emulates it
 * at a twentieth of the speed (docs/benchmarks.md). The self-test compares an FP16 network's
 * answers with the FP32 answers stored in its file, so a device that cannot hold the precision is
 * refused like a broken one.
 */
public enum Precision {
  FP32(DataType.FLOAT32, 2e-3),
  FP16(DataType.FLOAT16, 1e-2);

  private final DataType dataType;
  private final double selfTestTolerance;

  Precision(DataType dataType, double selfTestTolerance) {
    this.dataType = dataType;
    this.selfTestTolerance = selfTestTolerance;
  }

  public DataType dataType() {
    return dataType;
  }

  /**
   * How far the same position may be answered apart by batches of different sizes and symmetries:
   * FP16 rounds each layer's outputs to 11 significant bits, and a GPU may pick another kernel per
   * batch size.
   */
  public double selfTestTolerance() {
    return selfTestTolerance;
  }

  /** Whether a setting is {@code auto}, {@code fp32} or {@code fp16}. */
  public static boolean isValidName(String name) {
    return name != null && name.strip().toLowerCase(Locale.ROOT).matches("auto|fp32|fp16");
  }

  /** A setting on a device: {@code auto} is FP16 on a GPU and FP32 elsewhere. */
  public static Precision of(String name, Device device) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("precision: '" + name + "' is not auto, fp32 or fp16");
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "fp32" -> FP32;
      case "fp16" -> FP16;
      default -> device.isGpu() ? FP16 : FP32;
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
