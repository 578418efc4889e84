package org.tengen.worker.gtp;

import java.util.List;
import java.util.Locale;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;

/** Parsing of GTP arguments, each failure a GTP error naming what was wrong. */
final class GtpArgs {

  private GtpArgs() {}

  static void need(List<String> args, int n) throws GtpError {
    if (args.size() < n) {
      throw new GtpError("syntax error");
    }
  }

  static Color color(String text) throws GtpError {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "b", "black" -> Color.BLACK;
      case "w", "white" -> Color.WHITE;
      default -> throw new GtpError("invalid color");
    };
  }

  static boolean isColor(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "b", "black", "w", "white" -> true;
      default -> false;
    };
  }

  static Move vertex(String text, int size) throws GtpError {
    try {
      return Move.parseGtp(text, size);
    } catch (IllegalArgumentException e) {
      throw new GtpError("invalid coordinate");
    }
  }

  static int integer(String text) throws GtpError {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new GtpError("syntax error: '" + text + "' is not an integer");
    }
  }

  static double number(String text) throws GtpError {
    try {
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new GtpError("syntax error: '" + text + "' is not a number");
    }
  }

  static boolean bool(String text) throws GtpError {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new GtpError("syntax error: '" + text + "' is not true or false");
    };
  }

  /** A number as GTP answers write it: no ".0" on whole numbers. */
  static String format(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
