package org.tengen.core.api;

import java.util.List;

/**
 * stats: what KataGo's contributions and networks pages show for one run: totals, games per day and
 * per ten minutes, every contributor's counts and worker status, every network with its status and
 * Elo, and the per-contributor data-quality comparisons.
 */
public final class StatsApi {

  private StatsApi() {}

  public record StatsRequest(String run) {}

  public record Totals(
      long games, long positions, long accepted, long rejected, long duplicates, long shards) {}

  public record Day(String day, long games, long positions) {}

  /** A ten-minute bin of the last two days, by its start ({@code 2026-11-24T17:30}, UTC). */
  public record Bin(String start, long games, long positions) {}

  /** A contributor's counts, and its worker status: last seen, games in the last hour. */
  public record ContributorStats(
      String contributor,
      long games,
      long positions,
      long accepted,
      long rejected,
      long tasks,
      String lastSeen,
      String lastUpload,
      long gamesLastHour,
      boolean flagged) {}

  /**
   * A network, its self-play games, and its rating games against its baselines. {@code elo} is
   * against the baseline it was decided against; {@code ratingElo} adds up those steps from the
   * run's first network (0), the Elo-over-time curve.
   */
  public record NetworkStats(
      String name,
      NetworkStatus status,
      boolean enabled,
      String parent,
      long samples,
      long rows,
      long steps,
      Double elo,
      Double eloLower,
      Double eloUpper,
      String decision,
      String decidedAgainst,
      String decidedAt,
      Double ratingElo,
      long selfPlayGames,
      long ratingWins,
      long ratingLosses,
      long ratingDraws,
      String createdAt) {}

  /** One contributor's figures with one network against the rest, and whether they stand out. */
  public record QualityComparison(
      String network,
      String contributor,
      long games,
      long restGames,
      double meanLength,
      double restMeanLength,
      double zLength,
      double blackScore,
      double restBlackScore,
      double zBlackScore,
      double policyAgreement,
      double restPolicyAgreement,
      double zPolicyAgreement,
      double resignation,
      double restResignation,
      double zResignation,
      boolean flagged,
      List<String> reasons) {}

  public record Stats(
      String run,
      String state,
      String currentNetwork,
      String generatedAt,
      Totals totals,
      List<Day> days,
      List<Bin> recent,
      List<ContributorStats> contributors,
      List<NetworkStats> networks,
      List<QualityComparison> quality) {}
}
