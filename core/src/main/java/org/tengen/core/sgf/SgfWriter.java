package org.tengen.core.sgf;

import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.sgf.SgfGame.SgfMove;

/** Writes FF[4] SGF that {@link SgfReader} reads back to an equal {@link SgfGame}. */
public final class SgfWriter {

  private SgfWriter() {}

  public static String write(SgfGame game) {
    int size = game.boardSize();
    StringBuilder sb = new StringBuilder(64 + game.moves().size() * 7);
    sb.append("(;FF[4]GM[1]CA[UTF-8]AP[Tengen]SZ[").append(size).append(']');
    sb.append("KM[").append(number(game.komi())).append(']');
    text(sb, "RU", game.rules());
    text(sb, "RE", game.result());
    text(sb, "PB", game.blackPlayer());
    text(sb, "PW", game.whitePlayer());
    text(sb, "DT", game.date());
    if (game.handicap() != 0) {
      sb.append("HA[").append(game.handicap()).append(']');
    }
    text(sb, "C", game.comment());
    points(sb, "AB", game.blackSetup(), size);
    points(sb, "AW", game.whiteSetup(), size);
    boolean plNeeded =
        game.firstPlayer() == Color.WHITE
            || (!game.moves().isEmpty() && game.moves().get(0).color() != game.firstPlayer());
    if (plNeeded) {
      sb.append("PL[").append(game.firstPlayer().letter()).append(']');
    }
    int n = 0;
    for (SgfMove m : game.moves()) {
      sb.append(n++ % 10 == 0 ? "\n;" : ";");
      sb.append(m.color().letter()).append('[').append(m.move().toSgf(size)).append(']');
      text(sb, "C", m.comment());
    }
    sb.append(")\n");
    return sb.toString();
  }

  private static void text(StringBuilder sb, String id, String value) {
    if (value == null) {
      return;
    }
    sb.append(id).append('[');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append(']');
  }

  private static void points(StringBuilder sb, String id, List<Move> points, int size) {
    if (points.isEmpty()) {
      return;
    }
    sb.append(id);
    for (Move m : points) {
      sb.append('[').append(m.toSgf(size)).append(']');
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
