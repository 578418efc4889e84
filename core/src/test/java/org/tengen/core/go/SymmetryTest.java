package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetryTest {

  @Test
  void theEightFormTheDihedralGroup() {
    Set<String> distinct = new HashSet<>();
    for (Symmetry s : Symmetry.values()) {
      distinct.add(java.util.Arrays.toString(s.indexMap(5)));
      assertEquals(Symmetry.IDENTITY, s.compose(s.inverse()));
      assertEquals(Symmetry.IDENTITY, s.inverse().compose(s));
      assertEquals(s, Symmetry.IDENTITY.compose(s));
      for (Symmetry t : Symmetry.values()) {
        for (Symmetry u : Symmetry.values()) {
          assertEquals(s.compose(t).compose(u), s.compose(t.compose(u)), "associative");
        }
        // Composition agrees with applying one map after the other on every size.
        for (int size = 1; size <= Board.MAX_SIZE; size++) {
          int[] st = s.compose(t).indexMap(size);
          int[] a = s.indexMap(size);
          int[] b = t.indexMap(size);
          for (int i = 0; i < st.length; i++) {
            assertEquals(b[a[i]], st[i]);
          }
        }
      }
    }
    assertEquals(8, distinct.size());
    // Rotations: four clockwise quarter turns are the identity, two are a half turn.
    Symmetry cw = Symmetry.ROTATE_CLOCKWISE;
    assertEquals(Symmetry.ROTATE_180, cw.compose(cw));
    assertEquals(Symmetry.ROTATE_COUNTERCLOCKWISE, cw.inverse());
    assertEquals(Symmetry.IDENTITY, cw.compose(cw).compose(cw).compose(cw));
  }

  @Test
  void rotationsTurnTheBoardAsNamed() {
    // Top-left corner: clockwise goes to the top-right, counter-clockwise to the bottom-left.
    assertEquals(Move.of(8, 0), Symmetry.ROTATE_CLOCKWISE.apply(Move.of(0, 0), 9));
    assertEquals(Move.of(0, 8), Symmetry.ROTATE_COUNTERCLOCKWISE.apply(Move.of(0, 0), 9));
    assertEquals(Move.of(8, 8), Symmetry.ROTATE_180.apply(Move.of(0, 0), 9));
    assertEquals(Move.PASS, Symmetry.TRANSPOSE.apply(Move.PASS, 9));
    assertEquals("..X......", Symmetry.ROTATE_CLOCKWISE.applyToBoard("X........", 3));
  }

  @Test
  void policiesKeepThePassLastAndPlanesMoveWithTheirPoints() {
    int size = 4;
    float[] policy = new float[size * size + 1];
    for (int i = 0; i < policy.length; i++) {
      policy[i] = i;
    }
    for (Symmetry s : Symmetry.values()) {
      float[] moved = s.applyToPolicy(policy, size);
      assertEquals(size * size, moved[size * size], "pass stays last");
      for (int i = 0; i < size * size; i++) {
        Move m = Move.ofIndex(i, size);
        assertEquals(i, moved[s.apply(m, size).index(size)]);
      }
      float[] plane = java.util.Arrays.copyOf(policy, size * size);
      assertArrayEquals(plane, s.inverse().applyToPlane(s.applyToPlane(plane, size), size));
    }
    assertThrows(IllegalArgumentException.class, () -> Symmetry.IDENTITY.applyToPolicy(policy, 5));
  }

  @Test
  void replayingATransformedGameGivesTheTransformedBoards() {
    SplittableRandom random = new SplittableRandom(3);
    for (int size : List.of(7, 9, 13, 19)) {
      Game game = new Game(size, Rules.trompTaylor());
      List<String> boards = new java.util.ArrayList<>();
      boards.add(game.board().toCompactString());
      while (!game.isOver() && game.moveCount() < 300) {
        if (game.play(Move.ofIndex(random.nextInt(size * size + 1), size)).isLegal()) {
          boards.add(game.board().toCompactString());
        }
      }
      for (Symmetry s : Symmetry.values()) {
        Game mirrored = new Game(size, Rules.trompTaylor());
        int i = 0;
        assertEquals(s.applyToBoard(boards.get(i++), size), mirrored.board().toCompactString());
        for (Move m : game.moves()) {
          assertEquals(Legality.LEGAL, mirrored.play(s.apply(m, size)));
          assertEquals(s.applyToBoard(boards.get(i++), size), mirrored.board().toCompactString());
        }
        assertEquals(game.score().blackMargin(), mirrored.score().blackMargin());
      }
    }
  }
}
