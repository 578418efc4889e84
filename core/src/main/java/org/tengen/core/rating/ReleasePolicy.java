package org.tengen.core.rating;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a candidate network is released, from its rating games against the current network. Two
 * policies, chosen by run configuration:
 *
 * <ul>
 *   <li>{@link SeedRule}: the seed's rule — after {@code games} rating games, release when the Elo
 *       gain exceeds {@code eloThreshold} (+20) or when {@code stepMilestone} (10000) training
 *       steps have passed since the network it is rated against was released; otherwise reject;
 *   <li>{@link SprtRule}: a sequential test (elo0 = 0, elo1 = +20, α = β = 0.05 by default) that
 *       stops as soon as the evidence suffices; at {@code maxGames} without a decision the side the
 *       log-likelihood ratio leans to wins;
 *   <li>{@link Always}: no gate: after {@code games} rating games (which still measure the Elo for
 *       the record and the curve) the candidate is released whatever they say. KataGo found its
 *       runs often more efficient without a gatekeeper;
 *   <li>{@link NotWorse}: after {@code games} rating games, released unless they show it worse than
 *       the current network (the 95% interval of its Elo entirely below 0): no gate for a candidate
 *       that is merely not proven better, but no release of a clear regression.
 * </ul>
 *
 * Text form for configuration: {@code seed:400:20:10000}, {@code sprt:0:20:0.05:0.05:2000}, {@code
 * always:40} or {@code notworse:40}.
 */
public sealed interface ReleasePolicy
    permits ReleasePolicy.SeedRule,
        ReleasePolicy.SprtRule,
        ReleasePolicy.Always,
        ReleasePolicy.NotWorse {

  /** The three possible answers. */
  enum Outcome {
    RELEASE,
    REJECT,
    CONTINUE
  }

  /** An answer with the figures it rests on, for the record and the dashboard. */
  record Verdict(Outcome outcome, EloEstimate elo, Optional<Sprt.State> sprt, String reason) {}

  /**
   * @param stepsSinceRelease the candidate's optimizer steps minus those of the run's current
   *     network, the one it is rated against
   */
  Verdict decide(MatchScore score, long stepsSinceRelease);

  /** The default: the SPRT rule with a cap of 2000 games. */
  static ReleasePolicy defaultPolicy() {
    return new SprtRule(new Sprt(0, 20, 0.05, 0.05), 2000);
  }

  /** The answer while a rule waits for its {@code games} rating games. */
  private static Verdict playing(MatchScore score, int games, EloEstimate elo) {
    return new Verdict(
        Outcome.CONTINUE,
        elo,
        Optional.empty(),
        score.games() + " of " + games + " rating games played");
  }

  /** The seed's rule. */
  record SeedRule(int games, double eloThreshold, long stepMilestone) implements ReleasePolicy {
    public SeedRule {
      if (games < 1 || stepMilestone < 1) {
        throw new IllegalArgumentException("seed rule: games and step milestone must be positive");
      }
    }

    @Override
    public Verdict decide(MatchScore score, long stepsSinceRelease) {
      EloEstimate elo = Elo.estimate(score);
      if (score.games() < games) {
        return playing(score, games, elo);
      }
      if (elo.elo() > eloThreshold) {
        return new Verdict(
            Outcome.RELEASE,
            elo,
            Optional.empty(),
            String.format(Locale.ROOT, "Elo %+.1f exceeds %+.1f", elo.elo(), eloThreshold));
      }
      if (stepsSinceRelease >= stepMilestone) {
        return new Verdict(
            Outcome.RELEASE,
            elo,
            Optional.empty(),
            stepsSinceRelease
                + " training steps since the last release, milestone "
                + stepMilestone);
      }
      return new Verdict(
          Outcome.REJECT,
          elo,
          Optional.empty(),
          String.format(Locale.ROOT, "Elo %+.1f does not exceed %+.1f", elo.elo(), eloThreshold));
    }
  }

  /** The sequential test, with a cap on games. */
  record SprtRule(Sprt sprt, int maxGames) implements ReleasePolicy {
    public SprtRule {
      if (maxGames < 1) {
        throw new IllegalArgumentException("sprt rule: maxGames must be positive");
      }
    }

    @Override
    public Verdict decide(MatchScore score, long stepsSinceRelease) {
      EloEstimate elo = Elo.estimate(score);
      Sprt.State state = sprt.state(score);
      String llr =
          String.format(
              Locale.ROOT,
              "LLR %.3f in (%.3f, %.3f)",
              state.llr(),
              state.lowerBound(),
              state.upperBound());
      return switch (state.decision()) {
        case ACCEPT ->
            new Verdict(Outcome.RELEASE, elo, Optional.of(state), "SPRT accepts: " + llr);
        case REJECT -> new Verdict(Outcome.REJECT, elo, Optional.of(state), "SPRT rejects: " + llr);
        case CONTINUE ->
            score.games() >= maxGames
                ? new Verdict(
                    state.llr() > 0 ? Outcome.RELEASE : Outcome.REJECT,
                    elo,
                    Optional.of(state),
                    "game cap " + maxGames + " reached, " + llr)
                : new Verdict(Outcome.CONTINUE, elo, Optional.of(state), llr);
      };
    }
  }

  /** No gate: every candidate is released once its rating games are played. */
  record Always(int games) implements ReleasePolicy {
    public Always {
      if (games < 1) {
        throw new IllegalArgumentException("always rule: games must be positive");
      }
    }

    @Override
    public Verdict decide(MatchScore score, long stepsSinceRelease) {
      EloEstimate elo = Elo.estimate(score);
      if (score.games() < games) {
        return playing(score, games, elo);
      }
      return new Verdict(
          Outcome.RELEASE,
          elo,
          Optional.empty(),
          String.format(
              Locale.ROOT, "no gate: released after %d games (Elo %+.1f)", games, elo.elo()));
    }
  }

  /** Released unless clearly worse: the upper end of the Elo's 95% interval below 0 rejects. */
  record NotWorse(int games) implements ReleasePolicy {
    public NotWorse {
      if (games < 1) {
        throw new IllegalArgumentException("notworse rule: games must be positive");
      }
    }

    @Override
    public Verdict decide(MatchScore score, long stepsSinceRelease) {
      EloEstimate elo = Elo.estimate(score);
      if (score.games() < games) {
        return playing(score, games, elo);
      }
      if (elo.upper() < 0) {
        return new Verdict(
            Outcome.REJECT,
            elo,
            Optional.empty(),
            String.format(
                Locale.ROOT,
                "worse than the current network: Elo %+.1f, 95%% interval up to %+.1f",
                elo.elo(),
                elo.upper()));
      }
      return new Verdict(
          Outcome.RELEASE,
          elo,
          Optional.empty(),
          String.format(
              Locale.ROOT,
              "not shown worse after %d games: Elo %+.1f (up to %+.1f)",
              score.games(),
              elo.elo(),
              elo.upper()));
    }
  }

  /**
   * Parses {@code seed:GAMES:ELO:MILESTONE}, {@code sprt:ELO0:ELO1:ALPHA:BETA:MAXGAMES}, {@code
   * always:GAMES} or {@code notworse:GAMES}.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  static ReleasePolicy parse(String text) {
    String[] f = text == null ? new String[0] : text.trim().split(":");
    try {
      if (f.length == 4 && f[0].equals("seed")) {
        return new SeedRule(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]));
      }
      if (f.length == 2 && f[0].equals("always")) {
        return new Always(Integer.parseInt(f[1]));
      }
      if (f.length == 2 && f[0].equals("notworse")) {
        return new NotWorse(Integer.parseInt(f[1]));
      }
      if (f.length == 6 && f[0].equals("sprt")) {
        return new SprtRule(
            new Sprt(
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4])),
            Integer.parseInt(f[5]));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("release policy '" + text + "' has a malformed number");
    }
    throw new IllegalArgumentException(
        "release policy '"
            + text
            + "' is not seed:GAMES:ELO:MILESTONE, sprt:ELO0:ELO1:ALPHA:BETA:MAXGAMES,"
            + " always:GAMES or notworse:GAMES");
  }
}
