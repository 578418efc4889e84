package org.tengen.network.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Symmetry;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameRecordBuilder;
import org.tengen.core.shard.TrainingShard;

class FeaturesTest {

  private static float at(float[] spatial, int plane, int x, int y, int canvas) {
    return spatial[plane * canvas * canvas + y * canvas + x];
  }

  @Test
  void planesDescribeThePositionFromTheMoversView() {
    Game game = new Game(5, Rules.newZealand().withKomi(7.5));
    for (String m : new String[] {"C5", "B5", "B4", "A4", "A5"}) {
      // A5 by black captures B5: a ko at B5 for white.
      assertEquals(org.tengen.core.go.Legality.LEGAL, game.play(Move.parseGtp(m, 5)), m);
    }
    Features.Position pos = Features.of(game);
    assertEquals(Color.WHITE, pos.toMove());
    int canvas = 7;
    float[] s = new float[Features.SPATIAL * canvas * canvas];
    float[] g = new float[Features.GLOBAL];
    Features.encode(pos, Symmetry.IDENTITY, canvas, s, 0, g, 0);
    assertEquals(1, at(s, 0, 4, 4, canvas), "on the board");
    assertEquals(0, at(s, 0, 5, 0, canvas), "off the 5x5 board on a 7x7 canvas");
    assertEquals(1, at(s, 1, 0, 1, canvas), "own stone at A4");
    assertEquals(1, at(s, 4, 0, 1, canvas), "A4 is in atari: its one liberty is A3");
    assertEquals(1, at(s, 2, 0, 0, canvas), "opponent stone at A5");
    assertEquals(1, at(s, 3, 1, 0, canvas), "B5 empty after the capture");
    assertEquals(1, at(s, 10, 1, 0, canvas), "ko point B5");
    assertEquals(1, at(s, 11, 0, 0, canvas), "last move A5");
    assertEquals(1, at(s, 12, 0, 1, canvas), "the move before: A4");
    assertEquals(1, at(s, 7, 0, 0, canvas), "A5 has one liberty (B5 is the ko)"); // opp 1 lib
    assertEquals(7.5f / 20, g[0], 1e-6, "white receives komi");
    assertArrayEquals(new float[] {0, 0, 1}, new float[] {g[1], g[2], g[3]}, "situational");
    assertEquals(1, g[4], "suicide allowed in new-zealand");
  }

  @Test
  void aShardRowEncodesLikeTheGameItCameFrom() {
    SplittableRandom random = new SplittableRandom(3);
    Game game = new Game(9, Rules.chinese());
    GameRecordBuilder builder = new GameRecordBuilder("kata1-b1c8-s0-d0");
    int[] scratch = new int[81];
    List<float[][]> expected = new java.util.ArrayList<>();
    while (!game.isOver()) {
      float[] policy = new float[82];
      policy[81] = 1;
      builder.record(game, policy);
      float[] s = new float[Features.SPATIAL * 81];
      float[] g = new float[Features.GLOBAL];
      Features.encode(Features.of(game), Symmetry.ROTATE_CLOCKWISE, 9, s, 0, g, 0);
      expected.add(new float[][] {s, g});
      game.playAssumeLegal(Playout.randomMove(game, random, scratch));
    }
    GameRecord record = builder.build(game);
    TrainingShard shard = TrainingShard.of(List.of(record), "r", record.network());
    for (int row = 0; row < shard.rows(); row++) {
      float[] s = new float[Features.SPATIAL * 81];
      float[] g = new float[Features.GLOBAL];
      Features.encode(Features.of(shard, row), Symmetry.ROTATE_CLOCKWISE, 9, s, 0, g, 0);
      assertArrayEquals(expected.get(row)[0], s, "spatial, row " + row);
      assertArrayEquals(expected.get(row)[1], g, "global, row " + row);
    }
  }

  @Test
  void symmetryMovesEveryPlane() {
    Game game = new Game(9, Rules.chinese());
    game.play(Move.parseGtp("C3", 9));
    game.play(Move.parseGtp("G7", 9));
    for (Symmetry sym : Symmetry.values()) {
      float[] a = new float[Features.SPATIAL * 81];
      float[] b = new float[Features.SPATIAL * 81];
      float[] g = new float[Features.GLOBAL];
      Features.encode(Features.of(game), sym, 9, a, 0, g, 0);
      Game moved = new Game(9, Rules.chinese());
      for (Move m : game.moves()) {
        moved.play(sym.apply(m, 9));
      }
      Features.encode(Features.of(moved), Symmetry.IDENTITY, 9, b, 0, g, 0);
      assertArrayEquals(b, a, sym.toString());
    }
    assertEquals(Board.EMPTY, game.board().get(0, 0));
  }
}
