package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLoopOptionsTest {

  @Test
  void defaultsAndOverrides() {
    LoopOptions o = LocalLoopCommand.parse("--workers", "3", "--duration", "2h");
    assertEquals(3, o.workers());
    assertEquals(Duration.ofHours(2), o.duration());
    assertEquals(9, o.size());
    assertEquals("b2c32", o.net());
    assertTrue(o.data().isAbsolute());
  }

  @Test
  void badOptionsAreNamed() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--wokers", "3"))
            .getMessage()
            .contains("wokers"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> LocalLoopCommand.parse("--duration", "soon"))
            .getMessage()
            .contains("--duration"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--net", "big"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers", "0"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--size", "10"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers", "two"));
  }

  @Test
  void helpListsEveryOption() {
    String usage = LocalLoopCommand.commandLine().getUsageMessage();
    for (String option :
        new String[] {
          "--data",
          "--workers",
          "--size",
          "--net",
          "--visits",
          "--games-per-batch",
          "--train-every",
          "--train-steps",
          "--rating-games",
          "--duration"
        }) {
      assertTrue(usage.contains(option), option + " in\n" + usage);
    }
    assertTrue(!usage.contains("--root"), "the launcher's --root is not for users");
  }
}
