package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.TaskKind;
import org.tengen.core.client.Backoff;

class ContributeConfigTest {

  private static final String BASE = "serverUrl = http://localhost:8080\nusername = alice\n";
  private static final Map<String, String> ENV = Map.of("TENGEN_CONTRIBUTOR_KEY", "tgn_k");

  private static ContributeConfig parse(String text) {
    return ContributeConfig.parse(text, "contribute.cfg", ENV);
  }

  private static String error(String text) {
    return assertThrows(ContributeConfig.Invalid.class, () -> parse(text)).getMessage();
  }

  @Test
  void theSeedsKeysAndDefaults() {
    ContributeConfig c =
        parse(
            BASE
                + "# comment\nnumNNServerThreadsPerModel = 2  # trailing comment\n"
                + "nnMaxBatchSize = 32\ngamesPerBatch = 25\n");
    assertEquals("http://localhost:8080/", c.serverUrl().toString());
    assertEquals(2, c.numNNServerThreadsPerModel());
    assertEquals(32, c.nnMaxBatchSize());
    assertEquals(25, c.gamesPerBatch());
    assertEquals(16, c.maxSimultaneousGames());
    assertEquals("kata1", c.run());
    assertEquals("tgn_k", c.contributorKey());
    assertTrue(c.warnings().isEmpty());
    assertNull(c.preferredKind());
    assertFalse(c.toString().contains("tgn_k"), "the key is never printed");
  }

  @Test
  void theBatchSizeIsMeasuredUnlessANumberIsGiven() {
    assertTrue(parse(BASE).tunesBatchSize(), "auto is the default");
    assertTrue(parse(BASE + "nnMaxBatchSize = auto\n").tunesBatchSize());
    assertTrue(parse(BASE + "nnMaxBatchSize = AUTO\n").tunesBatchSize());
    ContributeConfig fixed = parse(BASE + "nnMaxBatchSize = 64\n");
    assertFalse(fixed.tunesBatchSize());
    assertEquals(64, fixed.nnMaxBatchSize());
    assertEquals(
        "nnMaxBatchSize: 'automatic' is neither auto nor a whole number",
        error(BASE + "nnMaxBatchSize = automatic\n"));
    assertTrue(error(BASE + "nnMaxBatchSize = 0\n").startsWith("nnMaxBatchSize: 0 is outside"));
  }

  @Test
  void precisionIsAutoUnlessSet() {
    assertEquals("auto", parse(BASE).precision());
    assertEquals("fp32", parse(BASE + "precision = fp32\n").precision());
    assertEquals("precision: 'bf16' is not auto, fp32 or fp16", error(BASE + "precision = bf16\n"));
  }

  @Test
  void engineIsAutoUnlessSet() {
    assertEquals("auto", parse(BASE).engine());
    assertEquals("java", parse(BASE + "engine = Java\n").engine());
    assertEquals("libtorch", parse(BASE + "engine = libtorch\n").engine());
    assertEquals("engine: 'onnx' is not auto, libtorch or java", error(BASE + "engine = onnx\n"));
  }

  @Test
  void unknownKeysAreWarnedAboutAndTheEnvironmentKeyWins() {
    ContributeConfig c = parse(BASE + "numSearchThreads = 8\ncontributorKey = tgn_file\n");
    assertEquals("tgn_k", c.contributorKey());
    assertEquals(2, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("numSearchThreads"), c.warnings().toString());
    ContributeConfig fromFile =
        ContributeConfig.parse(BASE + "contributorKey = tgn_file\n", "f", Map.of());
    assertEquals("tgn_file", fromFile.contributorKey());
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertTrue(error("username = alice\n").contains("serverUrl is required"));
    assertTrue(error(BASE.replace("http://", "ftp://")).startsWith("serverUrl"));
    assertTrue(error(BASE + "nnMaxBatchSize = lots\n").startsWith("nnMaxBatchSize"));
    assertTrue(error(BASE + "gamesPerBatch = 65\n").startsWith("gamesPerBatch"));
    assertTrue(error(BASE + "onlyRatingGames = maybe\n").startsWith("onlyRatingGames"));
    assertTrue(error(BASE + "device = tpu\n").startsWith("device"));
    // gpu(N), which the help advertises, is read (DJL's own name parser does not read it).
    assertTrue(error(BASE + "device = gpu(\n").startsWith("device"));
    assertEquals("gpu(1)", parse(BASE + "device = gpu(1)\n").device());
    assertTrue(error(BASE + "run = ../x\n").startsWith("run"));
    assertTrue(error(BASE + "nnMaxBatchSize = 4\nnnMaxBatchSize = 8\n").contains("set twice"));
    assertTrue(error(BASE + "just words\n").contains("line 3"));
    assertTrue(error(BASE + "dataDir = d\0ata\n").startsWith("dataDir: not a path"));
    String typo = error(BASE + "contributorKey: tgn_s3cret\n");
    assertTrue(typo.contains("line 3") && !typo.contains("tgn_s3cret"), typo);
    assertTrue(
        assertThrows(
                ContributeConfig.Invalid.class, () -> ContributeConfig.parse(BASE, "f", Map.of()))
            .getMessage()
            .contains("TENGEN_CONTRIBUTOR_KEY"));
    assertTrue(
        error(BASE + "onlyRatingGames = true\nmaxRatingGames = 0\n").contains("maxRatingGames"));
  }

  @Test
  void whatToAskFor() {
    assertEquals(TaskKind.RATING, parse(BASE + "onlyRatingGames = true\n").preferredKind());
    assertEquals(TaskKind.SELFPLAY, parse(BASE + "maxRatingGames = 0\n").preferredKind());
  }

  @Test
  void backoffGrowsToItsCapWithJitter() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 3);
    long max0 = 0;
    long max10 = 0;
    for (int i = 0; i < 500; i++) {
      max0 = Math.max(max0, b.delay(0).toMillis());
      max10 = Math.max(max10, b.delay(10).toMillis());
      assertTrue(b.delay(3).toMillis() <= 8000);
    }
    assertTrue(max0 <= 1000 && max0 > 500, "first waits up to 1 s: " + max0);
    assertTrue(max10 <= 60000 && max10 > 30000, "capped at 60 s: " + max10);
  }

  @Test
  void theExampleFileParsesWithoutWarnings() throws Exception {
    ContributeConfig c =
        ContributeConfig.load(java.nio.file.Path.of("contribute.cfg.example"), ENV);
    assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    assertEquals(32, c.maxSimultaneousGames());
    assertTrue(c.tunesBatchSize());
    assertEquals("auto", c.device());
  }
}
