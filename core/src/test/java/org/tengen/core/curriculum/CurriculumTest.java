package org.tengen.core.curriculum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
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
  void aStageMayMixBoardSizesItsOwnFirst() {
    Curriculum c = Curriculum.parse("100:7:16,*:9/7:32");
    Stage mixed = c.stageAt(100);
    assertEquals(List.of(9, 7), mixed.boardSizes());
    assertEquals(9, mixed.boardSize(), "the stage's own size, for its rating games");
    assertEquals("100:7:16,*:9/7:32", c.toString());
    assertEquals(c, Curriculum.parse(c.toString()));
    SplittableRandom random = new SplittableRandom(3);
    int nine = 0;
    int n = 4_000;
    for (int i = 0; i < n; i++) {
      int size = mixed.drawBoardSize(random);
      assertTrue(size == 9 || size == 7, "a size of the stage: " + size);
      nine += size == 9 ? 1 : 0;
    }
    assertEquals(0.5, nine / (double) n, 0.03, "drawn evenly");
    assertEquals(7, c.stageAt(0).drawBoardSize(random), "one size: always it");
    assertTrue(message("*:9/9:32").contains("repeat"));
    assertTrue(message("*:9/:32").contains("malformed number"));
    assertTrue(message("*:9/31:32").contains("board size 31"));
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
