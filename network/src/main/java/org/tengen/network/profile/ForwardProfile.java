package org.tengen.network.profile;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tengen.core.go.Symmetry;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;

/**
 * Where the time of a network call goes: the three stages of {@link Network#evaluate} timed apart,
 * and the forward pass again under libtorch's profiler, whose operators' self times say how much of
 * it is arithmetic inside libtorch and how much is the crossing into it (JNI, DJL's Java, tensor
 * set-up).
 */
public final class ForwardProfile {

  private ForwardProfile() {}

  /** Milliseconds per call of each stage, without the profiler. */
  public record Stages(double encodeMillis, double inferMillis, double decodeMillis) {}

  /**
   * A batch's profile.
   *
   * @param calls the calls measured, with and without the profiler
   * @param stages each stage's time per call, without the profiler
   * @param profiledMillis the forward pass's time per call under the profiler (which slows it)
   * @param ops libtorch's operators by self time, over all profiled calls
   */
  public record Result(
      int batch, int calls, Stages stages, double profiledMillis, List<OpTrace.OpTime> ops) {

    /** Milliseconds per call inside libtorch's operators (under the profiler). */
    public double insideMillis() {
      return ops.stream().mapToDouble(OpTrace.OpTime::selfMicros).sum() / 1000 / calls;
    }

    /** An operator's milliseconds per call. */
    public double millisPerCall(OpTrace.OpTime op) {
      return op.selfMicros() / 1000 / calls;
    }
  }

  /**
   * Profiles {@code calls} network calls on {@code positions} (one batch), after three warm-up
   * calls; the trace is written in a temporary file and removed.
   */
  public static Result measure(Network net, List<Features.Position> positions, int calls) {
    if (calls < 1 || positions.isEmpty()) {
      throw new IllegalArgumentException("a profile needs at least one call and one position");
    }
    Symmetry[] identity = Symmetry.identities(positions.size());
    for (int i = 0; i < 3; i++) {
      net.evaluate(positions, identity);
    }
    long encode = 0;
    long infer = 0;
    long decode = 0;
    Network.Batch batch = null;
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      batch = net.encode(positions, identity);
      long t1 = System.nanoTime();
      Network.Outputs out = net.infer(batch);
      long t2 = System.nanoTime();
      net.decode(batch, out);
      long t3 = System.nanoTime();
      encode += t1 - t0;
      infer += t2 - t1;
      decode += t3 - t2;
    }
    Stages stages =
        new Stages(perCall(encode, calls), perCall(infer, calls), perCall(decode, calls));

    Path trace = null;
    try {
      trace = Files.createTempFile("tengen-profile", ".json");
      JniUtils.startProfile(false, false, false);
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        net.infer(batch);
      }
      long profiled = System.nanoTime() - start;
      JniUtils.stopProfile(trace.toString());
      List<OpTrace.OpTime> ops = OpTrace.bySelfTime(OpTrace.parse(Files.readString(trace)));
      return new Result(positions.size(), calls, stages, perCall(profiled, calls), ops);
    } catch (IOException e) {
      throw new UncheckedIOException("writing or reading libtorch's profile", e);
    } finally {
      if (trace != null) {
        try {
          Files.deleteIfExists(trace);
        } catch (IOException e) {
          // a temporary file left behind is all that is lost
        }
      }
    }
  }

  private static double perCall(long nanos, int calls) {
    return nanos / 1e6 / calls;
  }
}
