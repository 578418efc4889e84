package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tengen.core.record.GameBatch;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.PositionRecord;
import org.tengen.core.record.WireFormat;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The catalogue of crafted bad uploads: each goes through a real task, PUT and confirmUpload, and
 * must come back with its rejection code, leaving counters and shards untouched; the batch at the
 * size limit is accepted and the one a byte over is not. Bad names in the API calls are refused
 * with 400 before anything is stored. docs/reliability.md lists the catalogue.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
@ExtendWith(TestCloud.class)
@TestProfile(BadUploadCatalogueTest.SmallLimits.class)
class BadUploadCatalogueTest {

  /** Limits small enough to reach in a test: 1 MB gzipped, 4 MiB inflated. */
  public static class SmallLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tengen.upload.max-compressed-bytes", Integer.toString(LIMIT),
          "tengen.upload.max-uncompressed-bytes", Integer.toString(4 << 20));
    }
  }

  static final int LIMIT = 1_000_000;
  private static final String RUN = "cat1";
  private static final String NET = "cat1-b6c96-s0-d0";

  private record Entry(byte[] body, String outcome, String code) {}

  private static GameRecord game(long seed) {
    return TestApi.randomGames(NET, 1, seed).get(0);
  }

  private static byte[] batch(List<GameRecord> games) {
    return WireFormat.toGzippedJson(new GameBatch(1, RUN, NET, games));
  }

  /** A valid game with position {@code i} changed. */
  private static GameRecord withPosition(
      GameRecord g, int i, UnaryOperator<PositionRecord> change) {
    List<PositionRecord> ps = new ArrayList<>(g.positions());
    ps.set(i, change.apply(ps.get(i)));
    return new GameRecord(
        g.version(), g.rules(), g.komi(), g.boardSize(), g.network(), g.moves(), g.result(), ps);
  }

  private static PositionRecord withPolicy(PositionRecord p, UnaryOperator<float[]> change) {
    return new PositionRecord(
        p.moveNumber(),
        p.board(),
        change.apply(p.policy().clone()),
        p.value(),
        p.score(),
        p.ownership());
  }

  private static GameRecord withMoves(GameRecord g, UnaryOperator<List<String>> change) {
    return new GameRecord(
        g.version(),
        g.rules(),
        g.komi(),
        g.boardSize(),
        g.network(),
        change.apply(new ArrayList<>(g.moves())),
        g.result(),
        g.positions());
  }

  private static byte[] gzip(byte[] bytes, int level) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out) {
          {
            def.setLevel(level);
          }
        }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /**
   * A valid batch of exactly {@code size} gzipped bytes: stored (level 0) deflate grows by one byte
   * per byte of JSON, so trailing spaces (valid JSON whitespace) set the size.
   */
  private static byte[] batchOfSize(GameRecord g, int size) throws Exception {
    byte[] json = WireFormat.toJson(new GameBatch(1, RUN, NET, List.of(g)));
    int base = gzip(json, Deflater.NO_COMPRESSION).length;
    for (int pad = Math.max(0, size - base - 200); pad < size; pad++) {
      byte[] padded = Arrays.copyOf(json, json.length + pad);
      Arrays.fill(padded, json.length, padded.length, (byte) ' ');
      byte[] body = gzip(padded, Deflater.NO_COMPRESSION);
      if (body.length == size) {
        return body;
      }
      if (body.length > size) {
        break;
      }
    }
    throw new AssertionError("no padding gives a batch of exactly " + size + " bytes");
  }

  private static JsonPath task(String key) {
    return TestApi.call(key, "nextTask", "{\"run\":\"" + RUN + "\",\"prefer\":\"selfplay\"}")
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static ExtractableResponse<Response> upload(String key, byte[] body) throws Exception {
    JsonPath t = task(key);
    TestApi.put(t.getString("upload.url"), body);
    return TestApi.call(
            key, "confirmUpload", "{\"uploadId\":\"" + t.getString("upload.uploadId") + "\"}")
        .statusCode(200)
        .extract();
  }

  @Test
  void everyCraftedBadUploadIsRejectedWithItsCode() throws Exception {
    String admin = LocalCloudResource.ADMIN_KEY;
    TestApi.call(admin, "createRun", "{\"run\":\"" + RUN + "\",\"curriculum\":\"*:9:16\"}")
        .statusCode(200);
    String mallory =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"mallory\"}")
            .statusCode(200)
            .extract()
            .path("key");
    TestApi.registerNetwork(RUN, NET);

    // An accepted game, to be sent again inside another batch.
    GameRecord first = game(1);
    ExtractableResponse<Response> firstAnswer = upload(mallory, batch(List.of(first)));
    assertEquals("ACCEPTED", firstAnswer.path("outcome"), firstAnswer.asString());

    // A batch that repeats it beside a new game keeps the new game only, and says what it left.
    GameRecord fresh = game(5);
    ExtractableResponse<Response> mixed = upload(mallory, batch(List.of(fresh, first)));
    assertEquals("ACCEPTED", mixed.path("outcome"), mixed.asString());
    assertEquals(1, (int) mixed.path("games"), mixed.asString());
    assertEquals(fresh.positions().size(), (int) mixed.path("positions"));
    assertEquals(List.of("GAME_DUPLICATE"), mixed.jsonPath().getList("reasons.code"));
    assertEquals("games[1]", mixed.jsonPath().getString("reasons[0].path"));

    GameRecord g = game(2);
    int last = g.positions().size() - 1;
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 8; i++) {
        gz.write(spaces); // 8 MiB inflated, twice the limit, from about 8 KB
      }
    }
    String json =
        new String(
            WireFormat.toJson(new GameBatch(1, RUN, NET, List.of(g))), StandardCharsets.UTF_8);
    byte[] valid = batch(List.of(g));

    Map<String, Entry> catalogue = new LinkedHashMap<>();
    catalogue.put(
        "a policy with NaN",
        new Entry(
            batch(List.of(withPosition(g, 2, p -> withPolicy(p, a -> set(a, 0, Float.NaN))))),
            "REJECTED",
            "POLICY_NOT_FINITE"));
    catalogue.put(
        "a policy with a negative entry",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g, 2, p -> withPolicy(p, a -> set(a, a.length - 1, -a[a.length - 1]))))),
            "REJECTED",
            "POLICY_NEGATIVE"));
    catalogue.put(
        "a policy summing to 1.01",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g,
                        2,
                        p -> withPolicy(p, a -> set(a, a.length - 1, a[a.length - 1] + 0.01f))))),
            "REJECTED",
            "POLICY_NOT_NORMALIZED"));
    catalogue.put(
        "a board that does not follow from the moves",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g,
                        last,
                        p ->
                            new PositionRecord(
                                p.moveNumber(),
                                flipFirstEmpty(p.board()),
                                p.policy(),
                                p.value(),
                                p.score(),
                                p.ownership())))),
            "REJECTED",
            "BOARD_MISMATCH"));
    catalogue.put(
        "games of another network",
        new Entry(
            WireFormat.toGzippedJson(
                new GameBatch(
                    1,
                    RUN,
                    "cat1-b6c96-s99-d99",
                    List.of(
                        new GameRecord(
                            1,
                            g.rules(),
                            g.komi(),
                            9,
                            "cat1-b6c96-s99-d99",
                            g.moves(),
                            g.result(),
                            g.positions())))),
            "REJECTED",
            "NETWORK_MISMATCH"));
    catalogue.put(
        "games of another run",
        new Entry(
            WireFormat.toGzippedJson(new GameBatch(1, "elsewhere", NET, List.of(g))),
            "REJECTED",
            "RUN_MISMATCH"));
    catalogue.put(
        "a result the final position contradicts",
        new Entry(
            batch(
                List.of(
                    new GameRecord(
                        1,
                        g.rules(),
                        g.komi(),
                        9,
                        NET,
                        g.moves(),
                        opposite(g.result()),
                        g.positions()))),
            "REJECTED",
            "RESULT_MISMATCH"));
    catalogue.put(
        "a value that contradicts the result",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g,
                        4,
                        p ->
                            new PositionRecord(
                                4, p.board(), p.policy(), -p.value(), p.score(), p.ownership())))),
            "REJECTED",
            "VALUE_MISMATCH"));
    catalogue.put(
        "a score off by one point",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g,
                        4,
                        p ->
                            new PositionRecord(
                                4,
                                p.board(),
                                p.policy(),
                                p.value(),
                                p.score() + 1,
                                p.ownership())))),
            "REJECTED",
            "SCORE_MISMATCH"));
    catalogue.put(
        "an ownership that contradicts the final position",
        new Entry(
            batch(
                List.of(
                    withPosition(
                        g,
                        4,
                        p ->
                            new PositionRecord(
                                4,
                                p.board(),
                                p.policy(),
                                p.value(),
                                p.score(),
                                set(p.ownership().clone(), 0, p.ownership()[0] > 0 ? -1 : 1))))),
            "REJECTED",
            "OWNERSHIP_MISMATCH"));
    catalogue.put(
        "a move onto a stone",
        new Entry(
            batch(List.of(withMoves(g, m -> set(m, 3, m.get(1))))), "REJECTED", "MOVE_ILLEGAL"));
    catalogue.put(
        "a move in full-width unicode",
        new Entry(
            batch(List.of(withMoves(g, m -> set(m, 0, toFullWidth(m.get(0)))))),
            "REJECTED",
            "MOVE_INVALID"));
    catalogue.put(
        "a network name with a Cyrillic letter",
        new Entry(
            WireFormat.toGzippedJson(
                new GameBatch(1, RUN, "cat1-b6c96-s0-d0".replace('c', '\u0441'), List.of(g))),
            "REJECTED",
            "NETWORK_NAME_INVALID"));
    catalogue.put(
        "a 13x13 header on a 9x9 task",
        new Entry(
            batch(
                List.of(
                    new GameRecord(
                        1, g.rules(), g.komi(), 13, NET, g.moves(), g.result(), g.positions()))),
            "REJECTED",
            "BOARD_SIZE_UNSUPPORTED"));
    catalogue.put(
        "a game under other rules than the task's (Tromp-Taylor on a Chinese run)",
        new Entry(
            batch(TestApi.randomGames(NET, 1, 21, org.tengen.core.go.Rules.trompTaylor())),
            "REJECTED",
            "RULES_UNSUPPORTED"));
    catalogue.put(
        "a game under another komi than the task's (no variety)",
        new Entry(
            batch(
                TestApi.randomGames(NET, 1, 22, org.tengen.core.go.Rules.chinese().withKomi(6.5))),
            "REJECTED",
            "KOMI_INVALID"));
    catalogue.put(
        "more games than the task's batch holds (26 for 25)",
        new Entry(batch(TestApi.randomGames(NET, 26, 23)), "REJECTED", "BATCH_TOO_MANY_GAMES"));
    catalogue.put(
        "a game cut to 5 moves",
        new Entry(
            batch(
                List.of(
                    new GameRecord(
                        1,
                        g.rules(),
                        g.komi(),
                        9,
                        NET,
                        g.moves().subList(0, 5),
                        g.result(),
                        g.positions().subList(0, 5)))),
            "REJECTED",
            "POSITIONS_TOO_FEW"));
    catalogue.put(
        "the same game twice in one batch",
        new Entry(batch(List.of(g, g)), "REJECTED", "GAME_DUPLICATE"));
    catalogue.put(
        "a game accepted before, alone in a new batch (other bytes: a space more)",
        new Entry(
            WireFormat.gzip(
                (new String(
                            WireFormat.toJson(new GameBatch(1, RUN, NET, List.of(first))),
                            StandardCharsets.UTF_8)
                        + " ")
                    .getBytes(StandardCharsets.UTF_8)),
            "REJECTED",
            "GAME_DUPLICATE"));
    catalogue.put("an empty batch", new Entry(batch(List.of()), "REJECTED", "BATCH_EMPTY"));
    catalogue.put(
        "wire format version 2",
        new Entry(
            WireFormat.gzip(
                json.replaceFirst("\"version\":1", "\"version\":2")
                    .getBytes(StandardCharsets.UTF_8)),
            "REJECTED",
            "VERSION_UNSUPPORTED"));
    catalogue.put(
        "an unknown field",
        new Entry(
            WireFormat.gzip(
                json.replaceFirst("\\{", "{\"bonus\":1,").getBytes(StandardCharsets.UTF_8)),
            "REJECTED",
            "UNKNOWN_FIELD"));
    catalogue.put(
        "a number where a string belongs",
        new Entry(
            WireFormat.gzip(
                json.replaceFirst("\"run\":\"cat1\"", "\"run\":7")
                    .getBytes(StandardCharsets.UTF_8)),
            "REJECTED",
            "WRONG_TYPE"));
    catalogue.put(
        "JSON cut in half",
        new Entry(
            WireFormat.gzip(json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8)),
            "REJECTED",
            "MALFORMED_JSON"));
    catalogue.put(
        "not gzip", new Entry(json.getBytes(StandardCharsets.UTF_8), "REJECTED", "MALFORMED_GZIP"));
    catalogue.put(
        "gzip cut short",
        new Entry(Arrays.copyOf(valid, valid.length - 9), "REJECTED", "MALFORMED_GZIP"));
    catalogue.put("a gzip bomb", new Entry(bomb.toByteArray(), "REJECTED", "DOCUMENT_TOO_LARGE"));
    catalogue.put(
        "a batch one byte over the size limit",
        new Entry(batchOfSize(game(4), LIMIT + 1), "REJECTED", "DOCUMENT_TOO_LARGE"));
    catalogue.put(
        "a batch at the size limit", new Entry(batchOfSize(game(4), LIMIT), "ACCEPTED", null));

    int accepted = 2;
    int rejected = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Entry> e : catalogue.entrySet()) {
      Entry entry = e.getValue();
      ExtractableResponse<Response> r = upload(mallory, entry.body());
      List<String> codes = r.jsonPath().getList("reasons.code", String.class);
      boolean ok =
          entry.outcome().equals(r.path("outcome"))
              && (entry.code() == null || codes.contains(entry.code()));
      if (!ok) {
        failures.add(
            e.getKey()
                + ": expected "
                + entry.outcome()
                + " "
                + entry.code()
                + ", got "
                + r.asString());
      }
      if ("ACCEPTED".equals(r.path("outcome"))) {
        accepted++;
      } else if ("REJECTED".equals(r.path("outcome"))) {
        rejected++;
      }
    }
    assertEquals(List.of(), failures);

    // Nothing of the rejected batches was counted or stored as training data; all kept aside.
    TestApi.call(mallory, "stats", "{\"run\":\"" + RUN + "\"}")
        .statusCode(200)
        .body("totals.accepted", equalTo(accepted))
        .body("totals.rejected", equalTo(rejected))
        .body("totals.shards", equalTo(accepted));
    try (S3Client s3 = TestApi.s3()) {
      assertEquals(
          accepted,
          s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("training_data/" + RUN + "/"))
              .keyCount());
      assertEquals(
          rejected,
          s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("rejected/mallory/")).keyCount());
      assertEquals(
          0,
          s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("incoming/mallory/")).keyCount());
    }
  }

  @Test
  void namesOutsideTheirAlphabetAreRefusedBeforeAnythingIsStored() {
    String admin = LocalCloudResource.ADMIN_KEY;
    for (String name : List.of("../bob", "ålice", "爱丽丝", "bob\n", "a b", "x".repeat(41))) {
      String body = WireFormat.mapper().valueToTree(Map.of("contributor", name)).toString();
      TestApi.call(admin, "createContributor", body)
          .statusCode(400)
          .body("code", equalTo("INVALID_ARGUMENT"))
          .body("message", org.hamcrest.Matchers.containsString("contributor"));
    }
    for (String run : List.of("../kata1", "rün", "kata1/../x")) {
      String body = WireFormat.mapper().valueToTree(Map.of("run", run)).toString();
      TestApi.call(admin, "createRun", body).statusCode(400);
    }
    String key =
        TestApi.call(admin, "createContributor", "{\"contributor\":\"namecheck\"}")
            .statusCode(200)
            .extract()
            .path("key");
    for (String id :
        List.of(
            "../mallory/0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF")) {
      String body = WireFormat.mapper().valueToTree(Map.of("uploadId", id)).toString();
      TestApi.call(key, "confirmUpload", body)
          .statusCode(400)
          .body("message", org.hamcrest.Matchers.containsString("upload id"));
    }
    TestApi.call(key, "nextTask", "{\"run\":\"../cat1\"}").statusCode(400);
    try (S3Client s3 = TestApi.s3()) {
      assertTrue(
          s3.listObjectsV2(l -> l.bucket(TestApi.bucket()).prefix("incoming/namecheck/")).keyCount()
              == 0);
    }
  }

  private static float[] set(float[] a, int i, float v) {
    a[i] = v;
    return a;
  }

  private static List<String> set(List<String> list, int i, String v) {
    list.set(i, v);
    return list;
  }

  private static String flipFirstEmpty(String board) {
    int i = board.indexOf('.');
    return board.substring(0, i) + "X" + board.substring(i + 1);
  }

  private static String opposite(String result) {
    return result.startsWith("B+") ? "W+" + result.substring(2) : "B+" + result.substring(2);
  }

  private static String toFullWidth(String vertex) {
    StringBuilder b = new StringBuilder();
    for (char c : vertex.toCharArray()) {
      b.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
    }
    return b.toString();
  }
}
