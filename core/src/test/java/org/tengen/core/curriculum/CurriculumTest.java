package org.tengen.core.curriculum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tengen.core.curriculum.Curriculum.Stage;

class CurriculumTest {

  @Test
  void seedScheduleGrowsTheBoardWithTheStep() {
    Curriculum c = Curriculum.seed();
    assertEquals(new Stage(100_000, 9, 200), c.stageAt(0));
    assertEquals(9, c.stageAt(99_999).boardSize());
    assertEquals(new Stage(500_000, 13, 400), c.stageAt(100_000));
    assertEquals(13, c.stageAt(499_999).boardSize());
    assertEquals(19, c.stageAt(500_000).boardSize());
    assertEquals(800, c.stageAt(Long.MAX_VALUE - 1).visits());
  }

  @Test
  void configurationOverridesTheSchedule() {
    Curriculum c = Curriculum.parse(" 50:7:16 , *:9:32 ");
    assertEquals(7, c.stageAt(49).boardSize());
    assertEquals(new Stage(Long.MAX_VALUE, 9, 32), c.stageAt(50));
    assertEquals("50:7:16,*:9:32", c.toString());
    assertEquals(c, Curriculum.parse(c.toString()));
    assertEquals(Curriculum.seed(), Curriculum.parse(Curriculum.seed().toString()));
  }

  @Test
  void malformedSchedulesNameTheStage() {
    assertTrue(message("100:9:200").contains("open-ended"));
    assertTrue(message("100:9:200,50:13:400,*:19:800").contains("stage 2"));
    assertTrue(message("100:9,*:19:800").contains("stage 1"));
    assertTrue(message("100:9:x,*:19:800").contains("malformed number"));
    assertTrue(message("100:25:200,*:19:800").contains("board size 25"));
    assertTrue(message("*:19:0").contains("visits 0"));
    assertTrue(message("").contains("empty"));
    assertThrows(IllegalArgumentException.class, () -> Curriculum.seed().stageAt(-1));
  }

  private static String message(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Curriculum.parse(text)).getMessage();
  }
}
