package org.tengen.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

  private final BatchValidator validator = new BatchValidator(ValidationLimits.defaults());
  private final GameBatch batch = TestGames.batch(3, 9, 100);
  private final byte[] json = WireFormat.toJson(batch);

  private Set<RejectionCode> codes(Validation v) {
    Set<RejectionCode> codes = EnumSet.noneOf(RejectionCode.class);
    if (v instanceof Validation.Rejected r) {
      r.reasons().forEach(reason -> codes.add(reason.code()));
    }
    return codes;
  }

  private Set<RejectionCode> codes(String text) {
    return codes(validator.validate(text.getBytes(StandardCharsets.UTF_8), Expectations.NONE));
  }

  @Test
  void acceptsAValidBatchAndItsGzip() {
    assertInstanceOf(Validation.Accepted.class, validator.validate(json, Expectations.NONE));
    assertInstanceOf(
        Validation.Accepted.class,
        validator.validateGzip(WireFormat.gzip(json), new Expectations("run1", TestGames.NETWORK)));
  }

  @Test
  void batchRules() {
    assertEquals(
        Set.of(RejectionCode.RUN_MISMATCH),
        codes(validator.validate(batch, new Expectations("run2", null))));
    assertEquals(
        Set.of(RejectionCode.NETWORK_MISMATCH),
        codes(validator.validate(batch, new Expectations(null, "kata1-b6c96-s2000-d30000"))));
    assertEquals(
        Set.of(RejectionCode.RUN_INVALID),
        codes(
            validator.validate(
                new GameBatch(1, "../etc", TestGames.NETWORK, batch.games()), Expectations.NONE)));
    assertEquals(
        Set.of(RejectionCode.BATCH_EMPTY),
        codes(
            validator.validate(
                new GameBatch(1, "run1", TestGames.NETWORK, List.of()), Expectations.NONE)));
    List<GameRecord> dup = new ArrayList<>(batch.games());
    dup.add(batch.games().get(1));
    assertEquals(
        Set.of(RejectionCode.GAME_DUPLICATE),
        codes(
            validator.validate(
                new GameBatch(1, "run1", TestGames.NETWORK, dup), Expectations.NONE)));
    GameRecord g = batch.games().get(0);
    GameRecord otherNet =
        new GameRecord(
            1,
            g.rules(),
            g.komi(),
            g.boardSize(),
            "kata1-b6c96-s5-d5",
            g.moves(),
            g.result(),
            g.positions());
    assertEquals(
        Set.of(RejectionCode.NETWORK_MISMATCH),
        codes(
            validator.validate(
                new GameBatch(1, "run1", TestGames.NETWORK, List.of(otherNet)),
                Expectations.NONE)));
    BatchValidator two = new BatchValidator(ValidationLimits.defaults().withMaxGamesPerBatch(2));
    assertEquals(
        Set.of(RejectionCode.BATCH_TOO_MANY_GAMES), codes(two.validate(json, Expectations.NONE)));
  }

  @Test
  void structuralProblemsBecomeReasons() {
    String text = new String(json, StandardCharsets.UTF_8);
    assertEquals(Set.of(RejectionCode.MALFORMED_JSON), codes(text.substring(0, text.length() / 2)));
    assertEquals(Set.of(RejectionCode.MALFORMED_JSON), codes(""));
    assertTrue(codes("{} {}").contains(RejectionCode.MALFORMED_JSON), "text after the document");
    assertEquals(Set.of(RejectionCode.MALFORMED_JSON), codes("{\"run\":\"a\",\"run\":\"b\"}"));
    assertEquals(Set.of(RejectionCode.WRONG_TYPE), codes("[1,2,3]"));
    assertEquals(EnumSet.of(RejectionCode.MISSING_FIELD), codes("{}"));
    assertTrue(
        codes(text.replace("\"komi\":7.5", "\"komi\":\"seven\""))
            .contains(RejectionCode.WRONG_TYPE));
    assertTrue(
        codes(text.replace("\"board_size\":9", "\"board_size\":9.5"))
            .contains(RejectionCode.WRONG_TYPE));
    assertTrue(
        codes(text.replace("\"version\":1,\"run\"", "\"version\":1,\"extra\":{},\"run\""))
            .contains(RejectionCode.UNKNOWN_FIELD));
    assertTrue(
        codes(text.replace("\"board_size\":9", "\"board_size\":99999999999"))
            .contains(RejectionCode.WRONG_TYPE));
  }

  @Test
  void nanAndInfinityAreReadAndRejectedByName() {
    String text = new String(json, StandardCharsets.UTF_8);
    int at = text.indexOf("\"policy\":[") + "\"policy\":[".length();
    String nanToken = text.substring(0, at) + "NaN," + text.substring(text.indexOf(',', at) + 1);
    assertTrue(
        codes(nanToken).contains(RejectionCode.POLICY_NOT_FINITE), codes(nanToken).toString());
    String infString =
        text.substring(0, at) + "\"Infinity\"," + text.substring(text.indexOf(',', at) + 1);
    assertTrue(codes(infString).contains(RejectionCode.POLICY_NOT_FINITE));
    String scoreNan = text.replaceFirst("\"score\":[-0-9.E]+", "\"score\":NaN");
    assertTrue(codes(scoreNan).contains(RejectionCode.SCORE_INVALID));
  }

  @Test
  void hugeArraysAreCountedNotStored() {
    StringBuilder policy = new StringBuilder("[");
    for (int i = 0; i < 1_000_000; i++) {
      policy.append(i == 0 ? "0" : ",0");
    }
    policy.append(']');
    String text = new String(json, StandardCharsets.UTF_8);
    int at = text.indexOf("\"policy\":[") + "\"policy\":".length();
    int end = text.indexOf(']', at) + 1;
    String huge = text.substring(0, at) + policy + text.substring(end);
    Set<RejectionCode> codes = codes(huge);
    assertTrue(codes.contains(RejectionCode.ARRAY_TOO_LONG), codes.toString());

    StringBuilder games =
        new StringBuilder("{\"version\":1,\"run\":\"r\",\"network\":\"")
            .append(TestGames.NETWORK)
            .append("\",\"games\":[");
    for (int i = 0; i < 1_000_000; i++) {
      games.append(i == 0 ? "1" : ",1");
    }
    games.append("]}");
    Set<RejectionCode> many = codes(games.toString());
    assertTrue(many.contains(RejectionCode.BATCH_TOO_MANY_GAMES), many.toString());
    assertTrue(many.contains(RejectionCode.WRONG_TYPE));
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"version\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertTrue(codes(deep).contains(RejectionCode.MALFORMED_JSON), "nesting limit");
  }

  @Test
  void gzipBombsAndBrokenGzipAreRefused() {
    BatchValidator small =
        new BatchValidator(ValidationLimits.defaults().withMaxDocumentBytes(1 << 20));
    byte[] zeros = new byte[64 << 20]; // 64 MiB of zeros compresses to ~64 KiB
    java.util.Arrays.fill(zeros, (byte) ' ');
    byte[] bomb = WireFormat.gzip(zeros);
    assertTrue(bomb.length < 200_000);
    assertEquals(
        Set.of(RejectionCode.DOCUMENT_TOO_LARGE),
        codes(small.validateGzip(bomb, Expectations.NONE)));
    byte[] gz = WireFormat.gzip(json);
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
    assertEquals(
        Set.of(RejectionCode.MALFORMED_GZIP),
        codes(validator.validateGzip(truncated, Expectations.NONE)));
    assertEquals(
        Set.of(RejectionCode.MALFORMED_GZIP),
        codes(validator.validateGzip(json, Expectations.NONE)));
  }

  @Test
  void randomMutationsNeverThrowAndNeverPassUnnoticedAsTheOriginal() {
    SplittableRandom random = new SplittableRandom(99);
    byte[] small = WireFormat.toJson(TestGames.batch(1, 7, 5));
    int rejected = 0;
    for (int i = 0; i < 400; i++) {
      byte[] mutated = small.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      Validation v = validator.validate(mutated, Expectations.NONE);
      if (v instanceof Validation.Rejected r) {
        rejected++;
        assertTrue(
            r.reasons().stream().noneMatch(x -> x.code() == RejectionCode.VALIDATOR_ERROR),
            r.reasons().toString());
      }
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      assertInstanceOf(Validation.Rejected.class, validator.validate(garbage, Expectations.NONE));
    }
    assertTrue(rejected > 350, "almost every random byte edit breaks the record: " + rejected);
  }
}
