package org.tengen.worker.contribute;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The contribute.cfg parser on arbitrary text: a configuration, or {@link ContributeConfig.Invalid}
 * with a message, nothing else; and the contributor key, wherever it came from, is never in what
 * may be printed (the configuration's text, its warnings, an error). In the build it replays the
 * committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ContributeConfigFuzzTest {

  private static final String KEY = "k3y-that-must-never-be-printed";

  @FuzzTest(maxDuration = "5m")
  void parsesOrRefusesByName(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Text that holds the key itself may see it echoed as another value (run = <key>).
    boolean keyInText = text.contains(KEY);
    for (Map<String, String> env :
        java.util.List.of(Map.<String, String>of(), Map.of(ContributeConfig.KEY_VARIABLE, KEY))) {
      try {
        ContributeConfig c = ContributeConfig.parse(text, "contribute.cfg", env);
        assertFalse(
            !keyInText && c.toString().contains(KEY), "the key is not in the configuration's text");
        for (String w : c.warnings()) {
          assertFalse(!keyInText && w.contains(KEY), "the key is not in a warning: " + w);
        }
      } catch (ContributeConfig.Invalid e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal names a cause");
        assertFalse(!keyInText && e.getMessage().contains(KEY), "the key is not in an error");
      }
    }
  }
}
