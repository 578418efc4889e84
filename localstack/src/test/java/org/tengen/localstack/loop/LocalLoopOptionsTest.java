package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLoopOptionsTest {

  @Test
  void defaultsAndOverrides() {
    LocalLoop.Options o = LocalLoop.parse(new String[] {"--workers", "3", "--duration", "2h"});
    assertEquals(3, o.workers());
    assertEquals(Duration.ofHours(2), o.duration());
    assertEquals(9, o.size());
    assertEquals("b2c32", o.net());
    assertTrue(o.data().isAbsolute());
  }

  @Test
  void badOptionsAreNamed() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalLoop.parse(new String[] {"--wokers", "3"}))
            .getMessage()
            .contains("wokers"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LocalLoop.parse(new String[] {"--duration", "soon"}))
            .getMessage()
            .contains("--duration"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalLoop.parse(new String[] {"--net", "big"}));
    assertThrows(IllegalArgumentException.class, () -> LocalLoop.parse(new String[] {"--workers"}));
    assertThrows(
        IllegalArgumentException.class, () -> LocalLoop.parse(new String[] {"--workers", "0"}));
  }
}
