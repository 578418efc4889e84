package org.tengen.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.tengen.core.record.WireFormat;

/**
 * The network-file loader on arbitrary bytes: it returns a network, or refuses with an {@link
 * IOException} whose message names the problem, and allocates no more than the file's data can
 * fill. {@code fileBytes} takes the bytes as a file (mostly stopped by gzip); {@code content} gzips
 * them first, so the fuzzer works on the header and parameters. In the build both replay the
 * committed corpus (a real b1c8 file among it); {@code JAZZER_FUZZ=1} fuzzes.
 */
class NetworkFileFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fileBytes(byte[] bytes) {
    loadsOrRefusesByName(bytes);
  }

  @FuzzTest(maxDuration = "5m")
  void content(byte[] bytes) {
    loadsOrRefusesByName(WireFormat.gzip(bytes));
  }

  private static void loadsOrRefusesByName(byte[] file) {
    try (Network network = NetworkFile.load(file, null, Device.cpu())) {
      byte[] saved = NetworkFile.toBytes(network);
      try (Network again = NetworkFile.load(saved, null, Device.cpu())) {
        assertEquals(
            NetworkFile.sha256(saved),
            NetworkFile.sha256(NetworkFile.toBytes(again)),
            "what loads survives a save and a load, parameters included");
      }
    } catch (IOException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal names its cause");
    }
  }
}
