package org.tengen.core.go;

import java.util.List;
import java.util.Locale;

/**
 * The rules of a game as data: ko rule, scoring, whether multi-stone suicide is legal, and komi.
 *
 * <p>Named presets: {@code chinese} (positional superko as the Chinese rules' ban on repeating a
 * whole-board position, area scoring, no suicide), {@code tromp-taylor} (positional superko,
 * Tromp-Taylor counting, suicide legal) and {@code new-zealand} (situational superko, area, suicide
 * legal). {@code japanese} and {@code aga} are refused by name: Tengen has no territory scoring and
 * no AGA pass stones or handicap compensation, and treating them as another rule set would silently
 * score games wrongly.
 */
public record Rules(KoRule koRule, Scoring scoring, boolean suicideAllowed, double komi) {

  /** Komi is limited to this magnitude, as upload validation demands. */
  public static final double MAX_KOMI = 150;

  /** Preset names that {@link #parse} accepts. */
  public static final List<String> PRESETS = List.of("chinese", "tromp-taylor", "new-zealand");

  public Rules {
    if (koRule == null || scoring == null) {
      throw new IllegalArgumentException("ko rule and scoring are required");
    }
    checkKomi(komi);
  }

  /** Fails with a message naming the problem unless komi is finite, a multiple of 0.5, ≤ 150. */
  public static void checkKomi(double komi) {
    if (!Double.isFinite(komi)) {
      throw new IllegalArgumentException("komi " + komi + " is not a finite number");
    }
    if (Math.abs(komi) > MAX_KOMI) {
      throw new IllegalArgumentException("komi " + komi + " is beyond ±" + MAX_KOMI);
    }
    if (komi * 2 != Math.rint(komi * 2)) {
      throw new IllegalArgumentException("komi " + komi + " is not a multiple of 0.5");
    }
  }

  public static Rules chinese() {
    return new Rules(KoRule.POSITIONAL, Scoring.AREA, false, 7.5);
  }

  public static Rules trompTaylor() {
    return new Rules(KoRule.POSITIONAL, Scoring.TROMP_TAYLOR, true, 7.5);
  }

  public static Rules newZealand() {
    return new Rules(KoRule.SITUATIONAL, Scoring.AREA, true, 7.5);
  }

  /**
   * The preset of a name (case and the separators {@code -}, {@code _} and space do not matter).
   *
   * @throws IllegalArgumentException naming the unsupported rules and what is supported
   */
  public static Rules parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("rules are missing; supported: " + PRESETS);
    }
    String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    return switch (key) {
      case "chinese" -> chinese();
      case "tromp-taylor", "tromptaylor" -> trompTaylor();
      case "new-zealand", "newzealand", "nz" -> newZealand();
      case "japanese", "korean" ->
          throw new IllegalArgumentException(
              "rules '"
                  + name
                  + "' need territory scoring, which Tengen does not implement;"
                  + " supported: "
                  + PRESETS);
      case "aga" ->
          throw new IllegalArgumentException(
              "rules 'aga' need pass stones and handicap compensation, which Tengen does not"
                  + " implement; supported: "
                  + PRESETS);
      default ->
          throw new IllegalArgumentException("unknown rules '" + name + "'; supported: " + PRESETS);
    };
  }

  /** Whether {@link #parse} accepts the name. */
  public static boolean isSupported(String name) {
    try {
      parse(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The same rules with another komi. */
  public Rules withKomi(double newKomi) {
    return new Rules(koRule, scoring, suicideAllowed, newKomi);
  }

  /** The preset name these rules equal (ignoring komi), or a descriptive string. */
  public String name() {
    Rules k = withKomi(7.5);
    if (k.equals(chinese())) {
      return "chinese";
    }
    if (k.equals(trompTaylor())) {
      return "tromp-taylor";
    }
    if (k.equals(newZealand())) {
      return "new-zealand";
    }
    return "ko=" + koRule + ",scoring=" + scoring + ",suicide=" + suicideAllowed;
  }
}
