package org.tengen.core.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoardTest {

  private static String text(String drawn) {
    return Board.parse(drawn).toString();
  }

  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
  void randomGamesKeepChainsLibertiesHashAndEmptiesExact(int size) {
    SplittableRandom random = new SplittableRandom(size * 7919L);
    for (int game = 0; game < 6; game++) {
      Board board = new Board(size);
      byte pla = Board.BLACK;
      int passes = 0;
      for (int move = 0; move < size * size * 3 && passes < 2; move++) {
        int loc = pickLegal(board, pla, random, game % 2 == 0);
        if (loc == Board.NONE) {
          board.pass();
          passes++;
        } else {
          board.playAssumeLegal(loc, pla);
          passes = 0;
        }
        board.checkConsistency();
        pla = (byte) (3 - pla);
      }
    }
  }

  private static int pickLegal(Board board, byte pla, SplittableRandom random, boolean suicide) {
    for (int tries = 0; tries < 50; tries++) {
      int loc = board.emptyAt(random.nextInt(Math.max(1, board.emptyCount())));
      if (board.emptyCount() > 0 && board.isLegal(loc, pla, suicide)) {
        return loc;
      }
    }
    return Board.NONE;
  }

  @Test
  void everySizeFrom2To19HasItsPointsAndWalls() {
    for (int size = Board.MIN_SIZE; size <= Board.MAX_SIZE; size++) {
      Board board = new Board(size);
      assertEquals(size * size, board.emptyCount());
      int onBoard = 0;
      for (int loc = 0; loc < board.locCount(); loc++) {
        if (board.isOnBoard(loc)) {
          onBoard++;
          assertEquals(loc, board.loc(board.x(loc), board.y(loc)));
          assertEquals(loc, board.locOfPoint(board.pointIndex(loc)));
        }
      }
      assertEquals(size * size, onBoard);
    }
    assertThrows(IllegalArgumentException.class, () -> new Board(1));
    assertThrows(IllegalArgumentException.class, () -> new Board(20));
  }

  @Test
  void capturesAStoneInTheCorner() {
    Board board =
        Board.parse(
            """
            O X . .
            . . . .
            . . . .
            . . . .""");
    assertEquals(1, board.liberties(board.loc(0, 0)));
    assertEquals(1, board.playAssumeLegal(board.loc(0, 1), Board.BLACK));
    assertEquals(
        text(
            """
            . X . .
            X . . .
            . . . .
            . . . ."""),
        board.toString());
    assertEquals(1, board.capturedStones(Board.WHITE));
    board.checkConsistency();
  }

  @Test
  void capturesAChainAlongTheEdge() {
    Board board =
        Board.parse(
            """
            . O O O X
            . X X X .
            . . . . .
            . . . . .
            . . . . .""");
    // White's three stones on the edge have one liberty left at the corner.
    assertEquals(1, board.liberties(board.loc(1, 0)));
    assertEquals(3, board.playAssumeLegal(board.loc(0, 0), Board.BLACK));
    assertEquals(
        text(
            """
            X . . . X
            . X X X .
            . . . . .
            . . . . .
            . . . . ."""),
        board.toString());
    assertEquals(Board.NONE, board.koLoc(), "three stones captured is not a ko");
    board.checkConsistency();
  }

  @Test
  void snapbackRecapturesMoreThanWasGiven() {
    Board board =
        Board.parse(
            """
            . . X . .
            O O X . .
            X X . . .
            . . . . .
            . . . . .""");
    // Black throws in at the corner: self-atari that also puts white in atari.
    board.playAssumeLegal(board.loc(0, 0), Board.BLACK);
    assertEquals(1, board.liberties(board.loc(0, 0)));
    assertEquals(1, board.liberties(board.loc(0, 1)));
    // White captures the single stone...
    assertEquals(1, board.playAssumeLegal(board.loc(1, 0), Board.WHITE));
    assertEquals(Board.NONE, board.koLoc(), "white's capturing chain has more than one stone");
    assertEquals(1, board.liberties(board.loc(1, 0)));
    // ...and black takes back three.
    assertTrue(board.isLegal(board.loc(0, 0), Board.BLACK, false));
    assertEquals(3, board.playAssumeLegal(board.loc(0, 0), Board.BLACK));
    assertEquals(
        text(
            """
            X . X . .
            . . X . .
            X X . . .
            . . . . .
            . . . . ."""),
        board.toString());
    board.checkConsistency();
  }

  @Test
  void simpleKoForbidsTheImmediateRecaptureOnly() {
    Board board =
        Board.parse(
            """
            . X O . .
            X O . O .
            . X O . .
            . . . . .
            . . . . .""");
    int take = board.loc(2, 1);
    int retake = board.loc(1, 1);
    assertEquals(1, board.playAssumeLegal(take, Board.BLACK));
    assertEquals(retake, board.koLoc());
    assertFalse(board.isLegal(retake, Board.WHITE, false));
    assertFalse(board.isLegal(retake, Board.WHITE, true));
    board.playAssumeLegal(board.loc(4, 4), Board.WHITE);
    board.playAssumeLegal(board.loc(0, 4), Board.BLACK);
    assertTrue(board.isLegal(retake, Board.WHITE, false));
    assertEquals(1, board.playAssumeLegal(retake, Board.WHITE));
    assertEquals(take, board.koLoc());
  }

  @Test
  void passClearsTheKoPoint() {
    Board board =
        Board.parse(
            """
            . X O .
            X O . O
            . X O .
            . . . .""");
    board.playAssumeLegal(board.loc(2, 1), Board.BLACK);
    assertNotEquals(Board.NONE, board.koLoc());
    board.pass();
    assertEquals(Board.NONE, board.koLoc());
  }

  @Test
  void suicideDetectionCountsOwnAndCapturedLiberties() {
    Board board =
        Board.parse(
            """
            X . O .
            O O . .
            . . . .
            . . . .""");
    int p = board.loc(1, 0);
    assertTrue(board.isSuicide(p, Board.BLACK), "two-stone suicide");
    assertFalse(board.isLegal(p, Board.BLACK, false));
    assertTrue(board.isLegal(p, Board.BLACK, true));
    assertEquals(2, board.playAssumeLegal(p, Board.BLACK));
    assertEquals(0, board.stoneCount(Board.BLACK));
    board.checkConsistency();

    Board single =
        Board.parse(
            """
        . O .
        O . .
        . . .""");
    int corner = single.loc(0, 0);
    assertTrue(single.isSuicide(corner, Board.BLACK));
    assertFalse(single.isLegal(corner, Board.BLACK, true), "single-stone suicide never legal");
    assertFalse(single.isSuicide(corner, Board.WHITE));
  }

  @Test
  void hashAfterPredictsTheHashOfEveryMove() {
    SplittableRandom random = new SplittableRandom(11);
    for (int size : new int[] {5, 9, 19}) {
      Board board = new Board(size);
      byte pla = Board.BLACK;
      for (int i = 0; i < size * size * 2; i++) {
        int loc = pickLegal(board, pla, random, true);
        if (loc == Board.NONE) {
          board.pass();
        } else {
          long predicted = board.hashAfter(loc, pla);
          board.playAssumeLegal(loc, pla);
          assertEquals(predicted, board.hash());
        }
        pla = (byte) (3 - pla);
      }
    }
  }

  @Test
  void copiesAreIndependent() {
    Board board =
        Board.parse(
            """
        . X .
        X O X
        . . .""");
    Board copy = board.copy();
    copy.playAssumeLegal(copy.loc(1, 2), Board.BLACK);
    assertEquals(Board.WHITE, board.get(1, 1));
    assertEquals(Board.EMPTY, copy.get(1, 1));
    Board into = new Board(3);
    into.copyFrom(copy);
    assertEquals(copy.toString(), into.toString());
    assertEquals(copy.hash(), into.hash());
    into.checkConsistency();
  }

  @Test
  void eyeLikePointsFollowTheDiagonalRule() {
    Board board =
        Board.parse(
            """
            . X . X .
            X . X . X
            . X O . .
            X . . . .
            . X . . .""");
    assertTrue(board.isEyeLike(board.loc(0, 0), Board.BLACK), "corner eye");
    assertTrue(board.isEyeLike(board.loc(1, 1), Board.BLACK), "one opponent diagonal");
    assertTrue(board.isEyeLike(board.loc(2, 0), Board.BLACK), "edge eye");
    assertFalse(board.isEyeLike(board.loc(4, 4), Board.BLACK));
    Board fake =
        Board.parse(
            """
        . X O
        X O .
        O . .""");
    assertFalse(fake.isEyeLike(fake.loc(0, 0), Board.BLACK), "false eye in the corner");
  }

  @Test
  void parseRejectsMalformedBoards() {
    assertThrows(IllegalArgumentException.class, () -> Board.parse(". .\n. . ."));
    assertThrows(IllegalArgumentException.class, () -> Board.parse(". Z\n. ."));
    assertThrows(IllegalArgumentException.class, () -> Board.parse("X O\nO ."));
  }

  @Test
  void compactStringIsRowMajorFromTheTopLeft() {
    Board board =
        Board.parse(
            """
        X . .
        . O .
        . . X""");
    assertEquals("X...O...X", board.toCompactString());
  }

  @Test
  void fromStonesRebuildsChainsAndHash() {
    Board board =
        Board.parse(
            """
        X O .
        X O .
        . . .""");
    byte[] plane = {1, -1, 0, 1, -1, 0, 0, 0, 0};
    Board rebuilt = Board.fromStones(plane, 3);
    assertEquals(board.toString(), rebuilt.toString());
    assertEquals(board.hash(), rebuilt.hash());
    assertEquals(1, rebuilt.liberties(rebuilt.loc(0, 0)));
    rebuilt.checkConsistency();
    assertThrows(IllegalArgumentException.class, () -> Board.fromStones(new byte[8], 3));
    assertThrows(
        IllegalArgumentException.class, () -> Board.fromStones(new byte[] {2, 0, 0, 0}, 2));
  }
}
