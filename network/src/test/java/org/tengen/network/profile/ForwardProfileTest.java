package org.tengen.network.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Game;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;

/** libtorch's profile of a real network call names its convolutions and counts each once. */
class ForwardProfileTest {

  @Test
  void theProfileNamesTheConvolutionsAndStaysWithinTheCallsTime() {
    try (Network net = Network.random(NetworkName.parse("t-b1c16-s0-d0"), 3, Device.cpu())) {
      SplittableRandom random = new SplittableRandom(5);
      List<Features.Position> positions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Game g = new Game(9, Rules.chinese());
        Playout.playOut(g, random, 10 + i);
        positions.add(Features.of(g));
      }
      ForwardProfile.Result r = ForwardProfile.measure(net, positions, 5);
      assertEquals(4, r.batch());
      assertTrue(
          r.ops().stream().anyMatch(o -> o.name().contains("conv")), "operators: " + r.ops());
      assertTrue(r.insideMillis() > 0, "time inside libtorch: " + r.insideMillis());
      // counting a convolution at each of its nested levels would exceed the wall time
      assertTrue(
          r.insideMillis() <= r.profiledMillis() * 1.05,
          r.insideMillis() + " ms inside of " + r.profiledMillis() + " ms");
      assertTrue(r.stages().inferMillis() > 0 && r.stages().encodeMillis() > 0);
    }
  }
}
