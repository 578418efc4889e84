package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoveTest {

  @Test
  void gtpVerticesSkipTheLetterIAndCountRowsFromTheBottom() {
    assertEquals(Move.of(0, 18), Move.parseGtp("A1", 19));
    assertEquals(Move.of(18, 0), Move.parseGtp("T19", 19));
    assertEquals(Move.of(8, 0), Move.parseGtp("J19", 19), "J follows H");
    assertEquals(Move.of(15, 3), Move.parseGtp("q16", 19));
    assertEquals(Move.PASS, Move.parseGtp("PASS", 19));
    assertEquals("J9", Move.of(8, 0).toGtp(9));
    assertEquals("pass", Move.PASS.toGtp(9));
    for (int size = Board.MIN_SIZE; size <= Board.MAX_SIZE; size++) {
      for (int i = 0; i <= size * size; i++) {
        Move m = Move.ofIndex(i, size);
        assertEquals(m, Move.parseGtp(m.toGtp(size), size));
        assertEquals(m, Move.parseSgf(m.toSgf(size), size));
        assertEquals(i, m.index(size));
      }
    }
  }

  @Test
  void malformedVerticesAreRefusedWithTheReason() {
    assertTrue(message("I5", 19).contains("no GTP column"));
    assertTrue(message("K10", 9).contains("off a 9x9 board"));
    assertTrue(message("A0", 9).contains("off"));
    assertTrue(message("A01", 9).contains("malformed row"));
    assertTrue(message("A", 9).contains("not a GTP vertex"));
    assertTrue(message("AA", 9).contains("no row number"));
    assertTrue(message("A+1", 9).contains("malformed row"));
    assertThrows(IllegalArgumentException.class, () -> Move.parseSgf("zz", 19));
    assertThrows(IllegalArgumentException.class, () -> Move.parseSgf("a", 19));
    assertThrows(IllegalArgumentException.class, () -> Move.of(19, 0));
    assertThrows(IllegalArgumentException.class, () -> Move.of(5, 5).toGtp(5));
  }

  private static String message(String vertex, int size) {
    return assertThrows(IllegalArgumentException.class, () -> Move.parseGtp(vertex, size))
        .getMessage();
  }

  @Test
  void sgfPointsStartAtTheTopLeft() {
    assertEquals(Move.of(3, 15), Move.parseSgf("dp", 19));
    assertEquals("dp", Move.parseGtp("D4", 19).toSgf(19));
    assertEquals(Move.PASS, Move.parseSgf("tt", 19));
    assertEquals("", Move.PASS.toSgf(19));
  }
}
