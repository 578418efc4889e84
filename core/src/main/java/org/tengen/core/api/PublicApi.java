package org.tengen.core.api;

import java.util.List;

/**
 * What a run's public pages show, without a key (like katagotraining.org): its networks with Elo
 * and downloads, contributions by contributor for the last day, the last week and all time, and
 * games per day. Published by the functions as {@code public/runs/{run}.json}; nothing in it is
 * private (no keys, no data-quality figures, no worker status).
 */
public final class PublicApi {

  private PublicApi() {}

  /**
   * A network: its status, Elo over the run's first network with the 95% interval of the step it
   * was released or rejected on, where to download it and its SHA-256.
   *
   * @param download the path of the file from the site's root ({@code
   *     /networks/{run}/{name}.bin.gz})
   */
  public record PublicNetwork(
      String name,
      NetworkStatus status,
      Double ratingElo,
      Double eloStep,
      Double eloStepLower,
      Double eloStepUpper,
      String decidedAgainst,
      long ratingGames,
      long selfPlayGames,
      String createdAt,
      String decidedAt,
      String download,
      long bytes,
      String sha256) {}

  /** A contributor's accepted games: the last day (UTC today), the last 7 days, all time. */
  public record PublicContributor(
      String contributor, long gamesLastDay, long gamesLastWeek, long gamesAllTime) {}

  public record PublicDay(String day, long games, long positions) {}

  public record PublicRun(
      String run,
      String generatedAt,
      String currentNetwork,
      long games,
      long positions,
      List<PublicNetwork> networks,
      List<PublicContributor> contributors,
      List<PublicDay> days) {}
}
