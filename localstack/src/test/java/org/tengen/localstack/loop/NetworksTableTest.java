package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.NetworkStats;

/** networks.tsv: the columns tengen strength reads, empty where a network has no decision. */
class NetworksTableTest {

  @Test
  void oneLinePerNetworkWithItsDecision(@TempDir Path dir) throws Exception {
    NetworkStats first =
        new NetworkStats(
            "local-b2c32-s0-d0",
            NetworkStatus.RELEASED,
            true,
            null,
            0,
            0,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            0.0,
            0,
            0,
            0,
            0,
            null);
    NetworkStats second =
        new NetworkStats(
            "local-b2c32-s25600-d3000",
            NetworkStatus.RELEASED,
            true,
            "local-b2c32-s0-d0",
            25600,
            3000,
            400,
            120.5,
            60.25,
            190.0,
            "elo above 20",
            "local-b2c32-s0-d0",
            null,
            120.5,
            0,
            30,
            10,
            0,
            null);
    NetworksTable.write(dir, List.of(first, second));
    List<String> lines = Files.readAllLines(dir.resolve("networks.tsv"));
    assertEquals(3, lines.size());
    assertEquals(NetworksTable.HEADER.strip(), lines.get(0));
    assertEquals("local-b2c32-s0-d0\tRELEASED\t\t\t\t0\t0\t0\t\t0.0", lines.get(1));
    assertEquals(
        "local-b2c32-s25600-d3000\tRELEASED\t120.5\t60.25\t190.0\t30\t10\t0"
            + "\tlocal-b2c32-s0-d0\t120.5",
        lines.get(2));
    assertEquals(
        List.of("networks.tsv"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
  }
}
