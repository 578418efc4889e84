package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;

/**
 * The loss's gradients do not depend on what the JVM does between the forward pass and the backward
 * pass.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and div, minimum, …) makes the number a tensor over a
 * direct buffer of the JVM, uses it and closes it at once; the autograd graph keeps that tensor for
 * the backward pass, but nothing keeps the buffer: a garbage collection in between frees it, and
 * the backward pass reads whatever the memory holds by then. This made training processes diverge
 * rarely and at random (and once produced NaN), depending on when the collector ran. The losses
 * therefore keep every constant they multiply by in the step's manager until the step ends.
 */
class LossesTest {

  @Test
  void gradientsAreTheSameWhenCollectedMemoryIsReusedBeforeTheBackwardPass() throws Exception {
    TrainingShard shard = TrainingShard.fromNpz(SelfPlayShards.get().get(0));
    List<ShardData.Shard> shards = List.of(new ShardData.Shard("games_00001.npz", shard));
    int n = Math.min(32, shard.rows());
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i * (shard.rows() / n);
    }
    EncodedBatch batch =
        EncodedBatch.of(
            new Batches.Batch(shard.boardSize(), new int[n], rows),
            shards,
            new SplittableRandom(1));
    for (int kind = 0; kind < 4; kind++) {
      boolean katago = kind % 2 == 1;
      boolean padded = kind >= 2;
      try (Network network = Network.random(NetworkName.parse("t-b1c16-s0-d0"), 7, Device.cpu())) {
        network.parameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        float[] quiet = gradients(network, batch, katago, padded, false);
        float[] disturbed = gradients(network, batch, katago, padded, true);
        String what = (katago ? "KataGo's" : "the seed's") + " loss, padded " + padded;
        assertTrue(isFinite(quiet), what + ": the reference gradients are finite");
        assertArrayEquals(quiet, disturbed, what);
      }
    }
  }

  /** The gradients of every parameter after one forward and backward pass, concatenated. */
  private static float[] gradients(
      Network network, EncodedBatch b, boolean katago, boolean padded, boolean disturb)
      throws Exception {
    List<ByteBuffer> garbage = new ArrayList<>();
    try (NDManager m = network.manager().newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.zeroGradients();
      NDArray spatial =
          m.create(b.spatial(), new Shape(b.n(), Features.SPATIAL, b.size(), b.size()));
      NDArray global = m.create(b.global(), new Shape(b.n(), Features.GLOBAL));
      NDList out = network.forward(m, spatial, global, true, padded);
      Losses.Terms terms = Losses.compute(m, out, b, katago);
      if (disturb) {
        // Collect what is unreachable, let the cleaner free its native memory, then take small
        // blocks of memory again and fill them with NaN: freed scalars get reused.
        for (int round = 0; round < 3; round++) {
          System.gc();
          Thread.sleep(30);
        }
        for (int i = 0; i < 20_000; i++) {
          ByteBuffer bb = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
          bb.putFloat(0, Float.NaN);
          garbage.add(bb);
        }
      }
      gc.backward(terms.total());
      List<float[]> parts = new ArrayList<>();
      int total = 0;
      for (var p : network.parameters()) {
        float[] g = p.getValue().getArray().getGradient().toFloatArray();
        parts.add(g);
        total += g.length;
      }
      float[] all = new float[total];
      int at = 0;
      for (float[] g : parts) {
        System.arraycopy(g, 0, all, at, g.length);
        at += g.length;
      }
      return all;
    } finally {
      garbage.clear();
    }
  }

  private static boolean isFinite(float[] xs) {
    for (float x : xs) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
