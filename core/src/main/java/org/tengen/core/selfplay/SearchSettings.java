package org.tengen.core.selfplay;

import java.util.Locale;

/**
 * The self-play search techniques a run uses, so that each can be switched off for a run (to
 * measure what it is worth) without a new worker: forced playouts with policy target pruning (their
 * k), KataGo's score utility (its factor) and playout cap randomisation (the share of moves
 * searched cheaply). Text form: {@code katago} (all on: {@code forced=2,utility=0.3,cheap=0.75}) or
 * any of the three {@code name=value} pairs, the others keeping KataGo's values.
 */
public record SearchSettings(double forcedPlayoutK, double scoreUtility, double cheapShare) {

  public static final SearchSettings KATAGO = new SearchSettings(2, 0.3, 0.75);

  public SearchSettings {
    if (!(forcedPlayoutK >= 0 && forcedPlayoutK <= 10)) {
      throw new IllegalArgumentException("forced: k from 0 (off) to 10, not " + forcedPlayoutK);
    }
    if (!(scoreUtility >= 0 && scoreUtility <= 1)) {
      throw new IllegalArgumentException("utility: from 0 (off) to 1, not " + scoreUtility);
    }
    if (!(cheapShare >= 0 && cheapShare < 1)) {
      throw new IllegalArgumentException("cheap: from 0 (off) to below 1, not " + cheapShare);
    }
  }

  /** {@code katago}, or pairs such as {@code forced=0,cheap=0}. */
  public static SearchSettings parse(String text) {
    String t = text == null ? "katago" : text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("katago")) {
      return KATAGO;
    }
    double forced = KATAGO.forcedPlayoutK;
    double utility = KATAGO.scoreUtility;
    double cheap = KATAGO.cheapShare;
    for (String pair : t.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "self-play search is katago or name=value pairs (forced, utility, cheap), not '"
                + text
                + "'");
      }
      double v;
      try {
        v = Double.parseDouble(kv[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("self-play search: '" + kv[1] + "' is not a number", e);
      }
      switch (kv[0].strip()) {
        case "forced" -> forced = v;
        case "utility" -> utility = v;
        case "cheap" -> cheap = v;
        default ->
            throw new IllegalArgumentException(
                "self-play search knows forced, utility and cheap, not '" + kv[0].strip() + "'");
      }
    }
    return new SearchSettings(forced, utility, cheap);
  }

  @Override
  public String toString() {
    return equals(KATAGO)
        ? "katago"
        : String.format(
            Locale.ROOT, "forced=%s,utility=%s,cheap=%s", forcedPlayoutK, scoreUtility, cheapShare);
  }
}
