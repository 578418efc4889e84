package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.network.NetworkName;

/** One loop per data folder, and what strength reads from the folder. */
class LoopLockTest {

  @Test
  void aSecondLoopOnTheSameFolderIsRefusedUntilTheFirstEnds(@TempDir Path dir) throws Exception {
    assertFalse(LoopLock.held(dir), "no loop yet");
    try (LoopLock first = LoopLock.take(dir)) {
      first.announce(URI.create("http://127.0.0.1:9/"));
      assertTrue(LoopLock.held(dir));
      assertEquals(
          "http://127.0.0.1:9/", Files.readString(dir.resolve(LoopLock.S3_ENDPOINT)).strip());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LoopLock.take(dir));
      assertTrue(e.getMessage().contains("another tengen local"), e.getMessage());
    }
    assertFalse(LoopLock.held(dir), "released");
    assertFalse(Files.exists(dir.resolve(LoopLock.S3_ENDPOINT)), "the endpoint goes with it");
    LoopLock.take(dir).close();
  }

  @Test
  void strengthTakesTheReleasedNetworksOldestFirst() {
    List<String> table =
        List.of(
            NetworksTable.HEADER.strip(),
            "local-b2c32-s51200-d9000\tRELEASED\t30.0\t1\t60\t25\t15\t0\tx\t80.0",
            "local-b2c32-s25600-d5000\tREJECTED\t-5.0\t-30\t20\t18\t22\t0\tx\t",
            "local-b2c32-s0-d0\tRELEASED\t\t\t\t0\t0\t0\t\t0.0",
            "local-b2c32-s38400-d7000\tRELEASED\t50.0\t20\t80\t28\t12\t0\tx\t50.0",
            "local-b2c32-s64000-d9500\tCANDIDATE\t\t\t\t3\t1\t0\t\t");
    assertEquals(
        List.of(
            NetworkName.parse("local-b2c32-s0-d0"),
            NetworkName.parse("local-b2c32-s38400-d7000"),
            NetworkName.parse("local-b2c32-s51200-d9000")),
        RunStrength.released(table));
  }

  @Test
  void strengthSpreadsTheNetworksItMeasuresOverTheRun() {
    List<NetworkName> all =
        java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> NetworkName.parse("local-b2c32-s" + (i * 100) + "-d" + i))
            .toList();
    assertEquals(all, RunStrength.spread(all, 0), "0: all of them");
    assertEquals(all, RunStrength.spread(all, 12));
    assertEquals(List.of(all.get(0), all.get(9)), RunStrength.spread(all, 2));
    assertEquals(
        List.of(all.get(0), all.get(3), all.get(6), all.get(9)), RunStrength.spread(all, 4));
    assertEquals(List.of(all.get(9)), RunStrength.spread(all, 1), "the last");
  }
}
