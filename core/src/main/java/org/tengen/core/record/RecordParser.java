package org.tengen.core.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tengen.core.go.Board;

/**
 * Reads the wire format from untrusted bytes without ever throwing: every problem becomes a {@link
 * Reason}, and reading goes on where it can so that one upload reports all its problems. Arrays are
 * read up to their limits and the rest is only counted, so memory stays bounded whatever the input;
 * nesting depth, string and number lengths and document size are capped by Jackson's stream
 * constraints.
 *
 * <p>About 470 lines: one streaming reader for the whole record (batch, game, position, each
 * array), kept together because every field shares the same reason-collecting and bounding rules.
 */
final class RecordParser {

  /** Longest policy or ownership array kept: the largest board's points plus the pass. */
  private static final int MAX_PLANE = Board.MAX_SIZE * Board.MAX_SIZE + 1;

  private static final int MAX_TEXT = 4096;

  private final JsonParser p;
  private final Reasons reasons;
  private final ValidationLimits limits;

  private RecordParser(JsonParser p, Reasons reasons, ValidationLimits limits) {
    this.p = p;
    this.reasons = reasons;
    this.limits = limits;
  }

  /** A parser factory with the limits' constraints; thread-safe, build it once per validator. */
  static JsonFactory factory(ValidationLimits limits) {
    return JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(1 << 20)
                .maxNumberLength(64)
                .maxNameLength(256)
                .maxDocumentLength(limits.maxDocumentBytes())
                .build())
        .build();
  }

  /** Reads a batch; null when the document was unreadable (the reasons say why). */
  static GameBatch readBatch(
      InputStream in, JsonFactory factory, ValidationLimits limits, Reasons reasons) {
    return read(in, factory, limits, reasons, true);
  }

  /** Reads one game; null when the document was unreadable (the reasons say why). */
  static GameRecord readGame(
      InputStream in, JsonFactory factory, ValidationLimits limits, Reasons reasons) {
    return read(in, factory, limits, reasons, false);
  }

  @SuppressWarnings("unchecked")
  private static <T> T read(
      InputStream in,
      JsonFactory factory,
      ValidationLimits limits,
      Reasons reasons,
      boolean batch) {
    try (JsonParser parser = factory.createParser(in)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      RecordParser rp = new RecordParser(parser, reasons, limits);
      if (parser.nextToken() == null) {
        reasons.add(RejectionCode.MALFORMED_JSON, "", "the document is empty");
        return null;
      }
      Object value = batch ? rp.batch() : rp.game("");
      if (parser.nextToken() != null) {
        reasons.add(RejectionCode.MALFORMED_JSON, "", "text after the end of the document");
      }
      return (T) value;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      boolean tooLarge =
          e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
              && e.getOriginalMessage() != null
              && e.getOriginalMessage().contains("Document length");
      reasons.add(
          tooLarge ? RejectionCode.DOCUMENT_TOO_LARGE : RejectionCode.MALFORMED_JSON,
          "",
          e.getOriginalMessage() + where);
      return null;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      // Only a gzip stream under the parser throws these: corrupt or truncated compression.
      reasons.add(RejectionCode.MALFORMED_GZIP, "", "corrupt or truncated gzip: " + e.getMessage());
      return null;
    } catch (IOException e) {
      reasons.add(RejectionCode.MALFORMED_JSON, "", "unreadable: " + e.getMessage());
      return null;
    }
  }

  // ------------------------------------------------------------------ objects

  private GameBatch batch() throws IOException {
    if (!isObject("")) {
      return null;
    }
    Integer version = null;
    String run = null;
    String network = null;
    List<GameRecord> games = null;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (seen.size() < 16) { // bounded: a flood of unknown fields must not grow it
        seen.add(field);
      }
      p.nextToken();
      switch (field) {
        case "version" -> version = integer(field);
        case "run" -> run = text(field);
        case "network" -> network = text(field);
        case "games" ->
            games =
                boundedList(
                    field,
                    limits.maxGamesPerBatch(),
                    "games",
                    RejectionCode.BATCH_TOO_MANY_GAMES,
                    this::game);
        default -> unknown("", field);
      }
    }
    if (!required(seen, "", "version", "run", "network", "games") || games == null) {
      return null;
    }
    return new GameBatch(
        version == null ? 0 : version, run, network, games == null ? List.of() : games);
  }

  /** Reads one element of an array at the given path; null when it was unreadable. */
  @FunctionalInterface
  private interface ElementReader<T> {
    T read(String path) throws IOException;
  }

  /**
   * Reads an array, keeping its first {@code cap} elements and only counting the rest, reported
   * with {@code tooLong}. Returns null when an element was unreadable: dropping it would shift the
   * indices of the others, and the reasons already say what was wrong.
   */
  private <T> List<T> boundedList(
      String path, int cap, String noun, RejectionCode tooLong, ElementReader<T> element)
      throws IOException {
    if (!isArray(path)) {
      return null;
    }
    List<T> list = new ArrayList<>();
    boolean broken = false;
    int count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (count < cap) {
        T value = element.read(path + "[" + count + "]");
        if (value != null) {
          list.add(value);
        } else {
          broken = true;
        }
      } else {
        p.skipChildren();
      }
      count++;
    }
    if (count > cap) {
      reasons.add(tooLong, path, count + " " + noun + ", at most " + cap + " read");
    }
    return broken ? null : list;
  }

  private GameRecord game(String path) throws IOException {
    if (!isObject(path)) {
      return null;
    }
    String at = path.isEmpty() ? "" : path + ".";
    Integer version = null;
    Integer size = null;
    Double komi = null;
    String rules = null;
    String network = null;
    String result = null;
    List<String> moves = null;
    List<PositionRecord> positions = null;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (seen.size() < 16) { // bounded: a flood of unknown fields must not grow it
        seen.add(field);
      }
      p.nextToken();
      switch (field) {
        case "version" -> version = integer(at + field);
        case "rules" -> rules = text(at + field);
        case "komi" -> komi = number(at + field);
        case "board_size" -> size = integer(at + field);
        case "network" -> network = text(at + field);
        case "result" -> result = text(at + field);
        case "moves" ->
            moves =
                boundedList(
                    at + field,
                    limits.maxPositions() + 1,
                    "moves",
                    RejectionCode.ARRAY_TOO_LONG,
                    path1 -> {
                      String m = text(path1);
                      return m == null ? "" : m; // a WRONG_TYPE reason is already given
                    });
        case "positions" ->
            positions =
                boundedList(
                    at + field,
                    limits.maxPositions() + 1,
                    "positions",
                    RejectionCode.ARRAY_TOO_LONG,
                    this::position);
        default -> unknown(path, field);
      }
    }
    if (!required(
        seen,
        path,
        "version",
        "rules",
        "komi",
        "board_size",
        "network",
        "moves",
        "result",
        "positions")) {
      return null;
    }
    return new GameRecord(
        version == null ? 0 : version,
        rules,
        komi == null ? Double.NaN : komi,
        size == null ? 0 : size,
        network,
        moves == null ? List.of() : moves,
        result,
        positions == null ? List.of() : positions);
  }

  private PositionRecord position(String path) throws IOException {
    if (!isObject(path)) {
      return null;
    }
    Integer moveNumber = null;
    String board = null;
    float[] policy = null;
    float[] ownership = null;
    Double value = null;
    Double score = null;
    Boolean fullSearch = null;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (seen.size() < 16) { // bounded: a flood of unknown fields must not grow it
        seen.add(field);
      }
      String at = path + "." + field;
      p.nextToken();
      switch (field) {
        case "move_number" -> moveNumber = integer(at);
        case "board" -> board = text(at);
        case "policy" -> policy = floats(at);
        case "value" -> value = number(at);
        case "score" -> score = number(at);
        case "ownership" -> ownership = floats(at);
        case "full_search" -> fullSearch = bool(at);
        default -> unknown(path, field);
      }
    }
    if (!required(seen, path, "move_number", "board", "policy", "value", "score", "ownership")) {
      return null;
    }
    return new PositionRecord(
        moveNumber == null ? -1 : moveNumber,
        board,
        policy,
        value == null ? Double.NaN : value,
        score == null ? Double.NaN : score,
        ownership,
        fullSearch);
  }

  // ------------------------------------------------------------------ values

  private boolean isObject(String path) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      return true;
    }
    wrongType(path, "an object");
    return false;
  }

  private boolean isArray(String path) throws IOException {
    if (p.currentToken() == JsonToken.START_ARRAY) {
      return true;
    }
    wrongType(path, "an array");
    return false;
  }

  private void wrongType(String path, String expected) throws IOException {
    reasons.add(RejectionCode.WRONG_TYPE, path, "expected " + expected + ", found " + describe());
    p.skipChildren();
  }

  private String describe() {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private void unknown(String path, String field) throws IOException {
    reasons.add(
        RejectionCode.UNKNOWN_FIELD,
        path.isEmpty() ? field : path + "." + field,
        "field '"
            + (field.length() > 64 ? field.substring(0, 64) + "…" : field)
            + "' is not part of wire format version "
            + GameRecord.VERSION);
    p.skipChildren();
  }

  /**
   * Reports the required fields not seen; true when all are there. An object with missing fields is
   * not checked further, so that its defaults do not read as more faults.
   */
  private boolean required(java.util.Set<String> seen, String path, String... fields) {
    boolean all = true;
    for (String field : fields) {
      if (seen.contains(field)) {
        continue;
      }
      all = false;
      reasons.add(
          RejectionCode.MISSING_FIELD,
          path.isEmpty() ? field : path + "." + field,
          "field '" + field + "' is required");
    }
    return all;
  }

  private Boolean bool(String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    wrongType(path, "true or false");
    return null;
  }

  private Integer integer(String path) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.INT) {
        return p.getIntValue();
      }
      reasons.add(RejectionCode.WRONG_TYPE, path, "integer out of range");
      return null;
    }
    wrongType(path, "an integer");
    return null;
  }

  private String text(String path) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String s = p.getText();
      if (s.length() > MAX_TEXT) {
        reasons.add(RejectionCode.WRONG_TYPE, path, "string of " + s.length() + " characters");
        return null;
      }
      return s;
    }
    wrongType(path, "a string");
    return null;
  }

  /**
   * A number; NaN and infinities (as JSON tokens or as strings) are read so checks can name them.
   */
  private Double number(String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity", "+Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {}
      }
    }
    wrongType(path, "a number");
    return null;
  }

  private float[] floats(String path) throws IOException {
    if (!isArray(path)) {
      return null;
    }
    float[] values = new float[64];
    int count = 0;
    boolean bad = false;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (count >= MAX_PLANE) {
        p.skipChildren();
        count++;
        continue;
      }
      JsonToken t = p.currentToken();
      float v;
      if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
        v = p.getFloatValue(); // the hot path: no path string unless something is wrong
      } else {
        Double d = number(path + "[" + count + "]");
        if (d == null) {
          bad = true;
        }
        v = d == null ? Float.NaN : d.floatValue();
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, Math.min(MAX_PLANE, values.length * 2));
      }
      values[count++] = v;
    }
    if (count > MAX_PLANE) {
      reasons.add(
          RejectionCode.ARRAY_TOO_LONG, path, count + " entries, at most " + MAX_PLANE + " read");
      return null;
    }
    return bad ? null : Arrays.copyOf(values, count);
  }
}
