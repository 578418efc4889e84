package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;

/** The opponent-policy head: a fifth output, and files written before it still load. */
class OpponentHeadTest {

  private static final NetworkName NAME = NetworkName.parse("t-b1c8-s0-d0");

  private static boolean opponent(String key) {
    String block = key.replaceFirst("^\\d+", "");
    return TengenNet.OPPONENT_LAYERS.stream().anyMatch(o -> block.startsWith(o + "_"));
  }

  /** The network as a format 1 file: every parameter but the opponent head's. */
  private static byte[] formatOne(Network net) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write("TENGEN-NET".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(1);
      out.writeUTF(net.config().architecture());
      out.writeInt(Features.VERSION);
      out.writeInt(NetworkFile.MIN_BOARD);
      out.writeInt(NetworkFile.MAX_BOARD);
      out.writeUTF(net.name().toString());
      out.writeLong(net.name().samples());
      out.writeLong(net.name().rows());
      List<Pair<String, Parameter>> kept =
          net.block().getParameters().stream().filter(p -> !opponent(p.getKey())).toList();
      out.writeInt(kept.size());
      for (Pair<String, Parameter> p : kept) {
        out.writeUTF(p.getKey());
        long[] dims = p.getValue().getArray().getShape().getShape();
        out.writeInt(dims.length);
        for (long d : dims) {
          out.writeInt((int) d);
        }
        for (float f : p.getValue().getArray().toFloatArray()) {
          out.writeFloat(f);
        }
      }
      out.write("END!".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  @Test
  void aFormatOneFileLoadsWithTheOpponentHeadAtZeroAndTheRestIntact() throws IOException {
    try (Network net = Network.random(NAME, 3, Device.cpu());
        Network loaded = NetworkFile.load(formatOne(net), null, Device.cpu())) {
      int opponentParameters = 0;
      var a = net.block().getParameters();
      var b = loaded.block().getParameters();
      for (int i = 0; i < a.size(); i++) {
        float[] original = a.get(i).getValue().getArray().toFloatArray();
        float[] read = b.get(i).getValue().getArray().toFloatArray();
        if (opponent(a.get(i).getKey())) {
          opponentParameters++;
          assertArrayEquals(new float[read.length], read, a.get(i).getKey());
        } else {
          assertArrayEquals(original, read, a.get(i).getKey());
        }
      }
      assertEquals(4, opponentParameters, "a weight and a bias for the board and the pass");
      // Written again, it is a format 2 file that keeps the zero head.
      try (Network again = NetworkFile.load(NetworkFile.toBytes(loaded), null, Device.cpu())) {
        assertEquals(b.size(), again.block().getParameters().size());
      }
    }
  }

  @Test
  void theNetworkAnswersTheOpponentsPolicyAsAFifthOutputUniformWhenFresh() {
    try (Network net = Network.initial(NAME, 3, Device.cpu());
        NDManager m = net.manager().newSubManager()) {
      int size = 9;
      float[] spatial = new float[Features.SPATIAL * size * size];
      java.util.Arrays.fill(spatial, 0, size * size, 1f); // the on-board plane
      NDList out =
          net.forward(
              m,
              m.create(spatial, new Shape(1, Features.SPATIAL, size, size)),
              m.create(new float[Features.GLOBAL], new Shape(1, Features.GLOBAL)),
              false,
              false);
      assertEquals(5, out.size());
      float[] opponent = out.get(4).toFloatArray();
      assertEquals(size * size + 1, opponent.length);
      for (float logit : opponent) {
        assertEquals(0, logit, 0, "a fresh head's logits are all zero: a uniform policy");
      }
      assertTrue(out.get(0).getShape().equals(out.get(4).getShape()));
    }
  }
}
