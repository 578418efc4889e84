package org.tengen.core.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the wire format. Untrusted input is read by {@link BatchValidator}; trusted input (own
 * files, tests) may use {@link #mapper()}.
 */
public final class WireFormat {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

  private WireFormat() {}

  /** A mapper configured for the wire records (shared, thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] toJson(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON then gzip: the bytes a worker uploads. */
  public static byte[] toGzippedJson(Object value) {
    return gzip(toJson(value));
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
