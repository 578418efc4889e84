package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Symmetry;
import org.tengen.core.network.NetworkName;
import org.tengen.network.eval.SelfTest;

/** The reference outputs a network file carries, and the load-time comparison with them. */
class ReferenceOutputsTest {

  private static final NetworkName NAME = NetworkName.parse("ref-b1c8-s0-d0");

  @Test
  void aFileCarriesItsNetworksAnswersOnPositionsNoSymmetryMapsOntoThemselves() throws IOException {
    try (Network net = Network.random(NAME, 17, Device.cpu());
        Network loaded = NetworkFile.load(NetworkFile.toBytes(net), null, Device.cpu())) {
      List<ReferenceOutputs.Reference> refs = loaded.references();
      assertEquals(3, refs.size());
      assertEquals(
          List.of(9, 13, 19), refs.stream().map(ReferenceOutputs.Reference::size).toList());
      for (ReferenceOutputs.Reference r : refs) {
        Evaluation now = net.evaluate(List.of(r.position()))[0];
        assertArrayEquals(now.policy(), r.expected().policy(), 1e-5f);
        assertArrayEquals(now.ownership(), r.expected().ownership(), 1e-5f);
        assertEquals(now.win(), r.expected().win(), 1e-5f);
        assertEquals(now.score(), r.expected().score(), 1e-4f);
        // Not symmetric: some symmetry of the position answers differently, so a device that
        // mixed up orientations would be caught too.
        Evaluation[] all =
            net.evaluate(java.util.Collections.nCopies(8, r.position()), Symmetry.values());
        boolean differs = false;
        for (int s = 1; s < 8; s++) {
          float[] raw = all[s].policy();
          differs |= !Arrays.equals(raw, all[0].policy());
        }
        assertTrue(r.moves().length > 10 && differs, "a real, asymmetric position");
      }
      SelfTest.Result test = SelfTest.run(loaded);
      assertTrue(test.passed(), String.valueOf(test.failure()));
      assertTrue(test.comparedWithReference());
      assertTrue(test.referenceDeviation() < 1e-4, "the same device: " + test.referenceDeviation());
    }
  }

  @Test
  void aDeviceThatIsWrongTheSameWayEverywhereIsRefused() throws IOException {
    try (Network net = Network.random(NAME, 18, Device.cpu());
        Network loaded = NetworkFile.load(NetworkFile.toBytes(net), null, Device.cpu())) {
      // Consistent in batches and under symmetries: the self-consistency checks cannot see it.
      SelfTest.BatchEvaluation shifted =
          (positions, symmetries) -> {
            Evaluation[] out = loaded.evaluate(positions, symmetries);
            for (int i = 0; i < out.length; i++) {
              Evaluation e = out[i];
              out[i] =
                  new Evaluation(
                      e.policy(),
                      e.win() + 0.03f,
                      e.loss() - 0.03f,
                      e.draw(),
                      e.score(),
                      e.ownership());
            }
            return out;
          };
      assertTrue(SelfTest.run(shifted).passed(), "without references it goes unnoticed");
      SelfTest.Result r = SelfTest.run(shifted, loaded.references());
      assertFalse(r.passed());
      assertTrue(r.failure().contains("reference outputs"), r.failure());
      assertEquals(0.03, r.referenceDeviation(), 1e-3);
    }
  }

  @Test
  void anOlderFileLoadsWithoutReferencesAndABrokenReferenceSectionIsRefused() throws IOException {
    try (Network net = Network.random(NAME, 19, Device.cpu())) {
      byte[] raw = gunzip(NetworkFile.toBytes(net));
      int referenceBytes = 4;
      for (ReferenceOutputs.Reference r : ReferenceOutputs.compute(net)) {
        int points = r.size() * r.size();
        referenceBytes += 8 + 4 * r.moves().length + 4 * (points + 1) + 16 + 4 * points;
      }
      int end = raw.length - 4;
      byte[] formatTwo = new byte[raw.length - referenceBytes];
      System.arraycopy(raw, 0, formatTwo, 0, end - referenceBytes);
      System.arraycopy(raw, end, formatTwo, end - referenceBytes, 4);
      ByteBuffer.wrap(formatTwo).putInt(10, 2);
      try (Network old = NetworkFile.load(gzip(formatTwo), null, Device.cpu())) {
        assertEquals(List.of(), old.references());
        SelfTest.Result test = SelfTest.run(old);
        assertTrue(test.passed());
        assertFalse(test.comparedWithReference());
      }
      // A reference move off the board: the file is refused with a reason.
      byte[] bad = raw.clone();
      int firstMove = end - referenceBytes + 4 + 8;
      ByteBuffer.wrap(bad).putInt(firstMove, 1000);
      IOException e =
          assertThrows(IOException.class, () -> NetworkFile.load(gzip(bad), null, Device.cpu()));
      assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }
}
