package org.tengen.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkNameTest {

  @Test
  void parsesTheSeedsExample() {
    NetworkName n = NetworkName.parse("kata1-b18c384nbt-s9996604416-d4316597426.bin.gz");
    assertEquals("kata1", n.run());
    assertEquals(18, n.blocks());
    assertEquals(384, n.channels());
    assertEquals("nbt", n.suffix());
    assertEquals(9996604416L, n.samples());
    assertEquals(4316597426L, n.rows());
    assertEquals("b18c384nbt", n.architecture());
    assertEquals("kata1-b18c384nbt-s9996604416-d4316597426", n.toString());
    assertEquals("kata1-b18c384nbt-s9996604416-d4316597426.bin.gz", n.fileName());
  }

  @Test
  void formatAndParseRoundTrip() {
    NetworkName n = new NetworkName("tengen_9x9", 6, 96, "", 0, 20000);
    assertEquals("tengen_9x9-b6c96-s0-d20000", n.toString());
    assertEquals(n, NetworkName.parse(n.toString()));
    assertEquals(n, NetworkName.parse(n.fileName()));
  }

  @Test
  void rejectsMalformedNamesWithAReason() {
    for (String bad :
        List.of(
            "",
            "kata1",
            "kata1-b18c384-s1",
            "kata1-b18c384-s1-d2.bin",
            "Kata1-b18c384-s1-d2",
            "kata1-b0c384-s1-d2",
            "kata1-b18c384-s01-d2",
            "kata1-b18c384-s-1-d2",
            "kata1-b18c384-s1-d2-extra",
            "../kata1-b18c384-s1-d2",
            "kata1-b18c384NBT-s1-d2",
            "kata1-b18c384-s99999999999999999999-d2",
            "kata1-b18c384-s1-d2.bin.gz.bin.gz")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NetworkName.parse(bad), bad);
      assertTrue(e.getMessage().contains("network name"), e.getMessage());
      assertFalse(NetworkName.isValid(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> new NetworkName("k", 1, 1, "", -1, 0));
  }

  @Test
  void namesSortByTrainingSamples() {
    List<NetworkName> names =
        new ArrayList<>(
            List.of(
                NetworkName.parse("kata1-b6c96-s900-d5"),
                NetworkName.parse("kata1-b6c96-s10000-d1"),
                NetworkName.parse("kata1-b6c96-s1000-d7"),
                NetworkName.parse("kata1-b6c96-s1000-d3")));
    Collections.sort(names);
    assertEquals(
        List.of(
            "kata1-b6c96-s900-d5",
            "kata1-b6c96-s1000-d3",
            "kata1-b6c96-s1000-d7",
            "kata1-b6c96-s10000-d1"),
        names.stream().map(NetworkName::toString).toList());
  }
}
