package org.tengen.network.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Playout;
import org.tengen.core.go.Rules;
import org.tengen.network.features.Features;

/**
 * What a network answered, where it was made, for a few fixed positions that no symmetry maps onto
 * themselves: the network file carries them (format 3), and every load compares the device's
 * answers with them. A device that is consistently wrong (a bad kernel, a precision it cannot hold)
 * agrees with itself between batches and symmetries, so only a comparison with answers computed
 * elsewhere catches it (KataGo's testgpuerror idea).
 */
public final class ReferenceOutputs {

  /**
   * The largest difference allowed on a probability or an ownership value (scores: 20 times it):
   * wide enough for FP16 inference and another device's rounding, narrow enough for a wrong kernel.
   */
  public static final double TOLERANCE = 1e-2;

  /** A position as its moves from an empty board, and what the network answered there. */
  public record Reference(int size, int[] moves, Evaluation expected) {

    /** The position, replayed under Chinese rules. */
    public Features.Position position() {
      Game game = new Game(size, Rules.chinese());
      for (int m : moves) {
        if (!game.play(Move.ofIndex(m, size)).isLegal()) {
          throw new IllegalStateException("a reference position's move is illegal");
        }
      }
      return Features.of(game);
    }
  }

  private ReferenceOutputs() {}

  /**
   * The positions references are taken on (their answers still empty): random games on each board
   * size the runs use.
   */
  static List<Reference> positions() {
    List<Reference> out = new ArrayList<>();
    int[][] sizesAndMoves = {{9, 23}, {13, 47}, {19, 81}};
    SplittableRandom random = new SplittableRandom(20261203);
    for (int[] sm : sizesAndMoves) {
      Game game = new Game(sm[0], Rules.chinese());
      Playout.playOut(game, random, sm[1]);
      int[] moves = new int[game.moves().size()];
      for (int i = 0; i < moves.length; i++) {
        moves[i] = game.moves().get(i).index(sm[0]);
      }
      out.add(new Reference(sm[0], moves, null));
    }
    return out;
  }

  /** The network's answers on the reference positions, on its own device. */
  public static List<Reference> compute(Network network) {
    List<Reference> refs = positions();
    Evaluation[] answers = network.evaluate(refs.stream().map(Reference::position).toList());
    List<Reference> out = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      out.add(new Reference(refs.get(i).size(), refs.get(i).moves(), answers[i]));
    }
    return out;
  }

  static void write(DataOutputStream out, List<Reference> refs) throws IOException {
    out.writeInt(refs.size());
    for (Reference r : refs) {
      out.writeInt(r.size());
      out.writeInt(r.moves().length);
      for (int m : r.moves()) {
        out.writeInt(m);
      }
      Evaluation e = r.expected();
      for (float p : e.policy()) {
        out.writeFloat(p);
      }
      out.writeFloat(e.win());
      out.writeFloat(e.loss());
      out.writeFloat(e.draw());
      out.writeFloat(e.score());
      for (float o : e.ownership()) {
        out.writeFloat(o);
      }
    }
  }

  static List<Reference> read(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 16) {
      throw new IOException("network file holds " + count + " reference positions (0 to 16)");
    }
    List<Reference> refs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = in.readInt();
      if (size < NetworkFile.MIN_BOARD || size > NetworkFile.MAX_BOARD) {
        throw new IOException("a reference position's board " + size + " is out of range");
      }
      int n = in.readInt();
      if (n < 0 || n > 2 * size * size) {
        throw new IOException("a reference position has " + n + " moves");
      }
      int[] moves = new int[n];
      for (int j = 0; j < n; j++) {
        moves[j] = in.readInt();
        if (moves[j] < 0 || moves[j] > size * size) {
          throw new IOException("a reference position's move " + moves[j] + " is off the board");
        }
      }
      float[] policy = floats(in, size * size + 1);
      float win = finite(in.readFloat());
      float loss = finite(in.readFloat());
      float draw = finite(in.readFloat());
      float score = finite(in.readFloat());
      float[] ownership = floats(in, size * size);
      Reference r =
          new Reference(size, moves, new Evaluation(policy, win, loss, draw, score, ownership));
      try {
        r.position();
      } catch (IllegalStateException e) {
        throw new IOException("a reference position cannot be replayed: " + e.getMessage());
      }
      refs.add(r);
    }
    return refs;
  }

  private static float[] floats(DataInputStream in, int n) throws IOException {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = finite(in.readFloat());
    }
    return out;
  }

  private static float finite(float f) throws IOException {
    if (!Float.isFinite(f)) {
      throw new IOException("a reference output is not finite");
    }
    return f;
  }
}
