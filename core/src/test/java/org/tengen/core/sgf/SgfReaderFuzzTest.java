package org.tengen.core.sgf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The SGF reader on arbitrary text: it returns a game (and a tree that round-trips through the
 * writer) or throws {@link SgfException} with a message, nothing else. In the build it replays the
 * committed corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SgfReaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parsesOrRefusesByName(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      SgfReader.parse(text);
    } catch (SgfException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal names its cause");
    }
    try {
      // A whole tree that reads writes back to the same tree.
      var trees = SgfReader.parseCollection(text);
      assertEquals(trees, SgfReader.parseCollection(SgfWriter.write(trees)));
    } catch (SgfException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal names its cause");
    }
  }
}
