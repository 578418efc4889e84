package org.tengen.functions.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.api.StatsApi.QualityComparison;
import org.tengen.core.go.Color;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.PositionRecord;

/**
 * Bad data found statistically, as fishtest finds bad workers: each contributor's games with one
 * network are compared with everyone else's games with that network, on three figures an honest
 * client cannot choose and a broken or modified one changes:
 *
 * <ul>
 *   <li>game length (moves): a client that resigns or passes early, or never ends;
 *   <li>black's score (wins plus half the draws): a client that fakes results;
 *   <li>policy agreement: the share of full-search positions after the first {@value
 *       #SAMPLED_MOVES} moves (where self-play stops sampling and plays its most visited move)
 *       whose policy target puts its largest weight on the move played. Random or made-up policies
 *       agree rarely; a search that was not really run disagrees with its own moves;
 *   <li>resignation rate: the share of games ended by resignation; a client that resigns games it
 *       should play out (or never resigns) stands out, though each of its resignations is valid on
 *       its own.
 * </ul>
 *
 * <p>The value and score targets are not among them: the validator demands that they follow exactly
 * from the result and the final position, so they cannot disagree. Each comparison is a two-sample
 * z statistic with games as the unit (positions of one game are not independent); a contributor is
 * flagged when some |z| exceeds {@value #Z_LIMIT} with at least {@value #MIN_GAMES} games on each
 * side. An admin disables a flagged contributor; the trainer then leaves its shards out ({@code
 * trainingExclusions}).
 */
public final class DataQuality {

  /** The moves self-play samples by temperature (the seed's 30): policy agreement starts after. */
  public static final int SAMPLED_MOVES = 30;

  public static final int MIN_GAMES = 20;
  public static final double Z_LIMIT = 4.0;

  private DataQuality() {}

  /** Sums over games: what the counters keep per contributor and network. */
  public record Sums(
      long games,
      long moves,
      long movesSquared,
      long blackHalfPoints,
      long agree,
      long checked,
      long resigned) {

    public static final Sums NONE = new Sums(0, 0, 0, 0, 0, 0, 0);

    public Sums plus(Sums o) {
      return new Sums(
          games + o.games,
          moves + o.moves,
          movesSquared + o.movesSquared,
          blackHalfPoints + o.blackHalfPoints,
          agree + o.agree,
          checked + o.checked,
          resigned + o.resigned);
    }

    /** The counter names and values, as stored. */
    public Map<String, Long> asCounters() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("games", games);
      m.put("moves", moves);
      m.put("moves_sq", movesSquared);
      m.put("black_half_points", blackHalfPoints);
      m.put("agree", agree);
      m.put("checked", checked);
      m.put("resigned", resigned);
      return m;
    }

    /** The sums read back from counters stored by {@link #asCounters}. */
    public static Sums fromCounters(java.util.function.ToLongFunction<String> counter) {
      return new Sums(
          counter.applyAsLong("games"),
          counter.applyAsLong("moves"),
          counter.applyAsLong("moves_sq"),
          counter.applyAsLong("black_half_points"),
          counter.applyAsLong("agree"),
          counter.applyAsLong("checked"),
          counter.applyAsLong("resigned"));
    }

    double meanLength() {
      return games == 0 ? 0 : (double) moves / games;
    }

    double lengthVariance() {
      if (games < 2) {
        return 0;
      }
      double mean = meanLength();
      return Math.max(0, ((double) movesSquared - games * mean * mean) / (games - 1));
    }

    double blackScore() {
      return games == 0 ? 0 : blackHalfPoints / (2.0 * games);
    }

    double agreement() {
      return checked == 0 ? 0 : (double) agree / checked;
    }

    double resignRate() {
      return games == 0 ? 0 : (double) resigned / games;
    }
  }

  /** The sums of accepted, validated games. */
  public static Sums of(List<GameRecord> games) {
    Sums total = Sums.NONE;
    for (GameRecord g : games) {
      total = total.plus(of(g));
    }
    return total;
  }

  static Sums of(GameRecord g) {
    long n = g.moves().size();
    GameResult result = GameResult.parse(g.result());
    long half = result.isDraw() ? 1 : result.winner() == Color.BLACK ? 2 : 0;
    int size = g.boardSize();
    long agree = 0;
    long checked = 0;
    for (int i = SAMPLED_MOVES; i < g.positions().size() && i < n; i++) {
      PositionRecord p = g.positions().get(i);
      if (!p.isPolicyTarget()) {
        continue;
      }
      float[] policy = p.policy();
      float max = 0;
      for (float w : policy) {
        max = Math.max(max, w);
      }
      int played = Move.parseGtp(g.moves().get(i), size).index(size);
      checked++;
      if (policy[played] >= max - 1e-6f) {
        agree++;
      }
    }
    long resigned = result.decision() == GameResult.Decision.RESIGNATION ? 1 : 0;
    return new Sums(1, n, n * n, half, agree, checked, resigned);
  }

  /**
   * Compares each contributor of each network with the rest of that network. Input: network to
   * contributor to sums. Only contributors with {@link #MIN_GAMES} games and a rest as large are
   * compared. The rest leaves out contributors flagged already, found one at a time from the
   * farthest out: two bad contributors would otherwise pull the rest toward themselves, and make
   * the good ones look odd.
   */
  public static List<QualityComparison> compare(Map<String, Map<String, Sums>> byNetwork) {
    List<QualityComparison> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Sums>> net : byNetwork.entrySet()) {
      Map<String, Sums> contributors = net.getValue();
      java.util.Set<String> flagged = new java.util.HashSet<>();
      while (true) {
        QualityComparison worst = null;
        for (Map.Entry<String, Sums> c : contributors.entrySet()) {
          if (flagged.contains(c.getKey())) {
            continue;
          }
          QualityComparison k = compare(net.getKey(), c.getKey(), contributors, flagged);
          if (k != null && k.flagged() && (worst == null || farthest(k) > farthest(worst))) {
            worst = k;
          }
        }
        if (worst == null) {
          break;
        }
        flagged.add(worst.contributor());
      }
      for (String c : contributors.keySet()) {
        QualityComparison k = compare(net.getKey(), c, contributors, flagged);
        if (k != null) {
          out.add(k);
        }
      }
    }
    return out;
  }

  private static double farthest(QualityComparison c) {
    return Math.max(
        Math.max(Math.abs(c.zLength()), Math.abs(c.zResignation())),
        Math.max(Math.abs(c.zBlackScore()), Math.abs(c.zPolicyAgreement())));
  }

  /** One contributor against the others not flagged; null when either side has too few games. */
  private static QualityComparison compare(
      String network, String contributor, Map<String, Sums> all, java.util.Set<String> flagged) {
    Sums own = all.get(contributor);
    Sums rest = Sums.NONE;
    for (Map.Entry<String, Sums> e : all.entrySet()) {
      if (!e.getKey().equals(contributor) && !flagged.contains(e.getKey())) {
        rest = rest.plus(e.getValue());
      }
    }
    if (own.games() < MIN_GAMES || rest.games() < MIN_GAMES) {
      return null;
    }
    double zLength =
        z(
            own.meanLength() - rest.meanLength(),
            Math.sqrt(own.lengthVariance() / own.games() + rest.lengthVariance() / rest.games()));
    double zBlack = proportionZ(own.blackScore(), own.games(), rest.blackScore(), rest.games());
    double zAgree = proportionZ(own.agreement(), own.games(), rest.agreement(), rest.games());
    double zResign = proportionZ(own.resignRate(), own.games(), rest.resignRate(), rest.games());
    List<String> reasons = new ArrayList<>();
    if (Math.abs(zLength) > Z_LIMIT) {
      reasons.add(
          String.format(
              "games of %.1f moves where the rest average %.1f (z %.1f)",
              own.meanLength(), rest.meanLength(), zLength));
    }
    if (Math.abs(zBlack) > Z_LIMIT) {
      reasons.add(
          String.format(
              "black scores %.3f where the rest score %.3f (z %.1f)",
              own.blackScore(), rest.blackScore(), zBlack));
    }
    if (Math.abs(zAgree) > Z_LIMIT) {
      reasons.add(
          String.format(
              "policy agrees with the move played %.3f of the time where the rest agree %.3f"
                  + " (z %.1f)",
              own.agreement(), rest.agreement(), zAgree));
    }
    if (Math.abs(zResign) > Z_LIMIT) {
      reasons.add(
          String.format(
              "resigns %.3f of its games where the rest resign %.3f (z %.1f)",
              own.resignRate(), rest.resignRate(), zResign));
    }
    return new QualityComparison(
        network,
        contributor,
        own.games(),
        rest.games(),
        own.meanLength(),
        rest.meanLength(),
        zLength,
        own.blackScore(),
        rest.blackScore(),
        zBlack,
        own.agreement(),
        rest.agreement(),
        zAgree,
        own.resignRate(),
        rest.resignRate(),
        zResign,
        !reasons.isEmpty(),
        List.copyOf(reasons));
  }

  /** Two proportions compared with their pooled standard error; 0 where there is no spread. */
  static double proportionZ(double p1, long n1, double p2, long n2) {
    double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    return z(p1 - p2, Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2)));
  }

  private static double z(double difference, double standardError) {
    if (standardError <= 0) {
      // no spread at all: any difference is as far out as it gets, none is nothing
      return difference == 0 ? 0 : Math.signum(difference) * 100;
    }
    return difference / standardError;
  }
}
