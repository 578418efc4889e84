package org.tengen.functions.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.StatsApi.Bin;
import org.tengen.core.api.StatsApi.ContributorStats;
import org.tengen.core.api.StatsApi.Day;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.QualityComparison;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.Totals;
import org.tengen.core.storage.CounterKeys;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.release.RatingTasks;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What KataGo's contributions and networks pages show, for one run: totals, games per day, every
 * contributor's counts and worker status, every network with its status and Elo. Read from the
 * counters partitions with a handful of queries and no scan.
 */
@ApplicationScoped
public class StatsService {

  @Inject Counters counters;
  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  public Stats stats(String run) {
    return stats(run, networks.list(new RunId(run).value()));
  }

  /** The same, over the run's networks as the caller already read them ({@code items}). */
  public Stats stats(String run, List<NetworkItem> items) {
    RunId runId = new RunId(run);
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> new ApiException(ErrorCode.RUN_UNKNOWN, "no run '" + runId + "'"));
    Instant now = Instant.now();
    String r = runId.value();

    Map<String, AttributeValue> total =
        counters.partition(CounterKeys.run(r)).get(CounterKeys.TOTAL);
    Totals totals =
        new Totals(
            Counters.number(total, CounterKeys.GAMES),
            Counters.number(total, CounterKeys.POSITIONS),
            Counters.number(total, CounterKeys.ACCEPTED),
            Counters.number(total, CounterKeys.REJECTED),
            Counters.number(total, CounterKeys.DUPLICATES),
            runItem.getShards());

    List<Day> days = new ArrayList<>();
    counters
        .partition(CounterKeys.days(r))
        .forEach(
            (day, item) ->
                days.add(
                    new Day(
                        day,
                        Counters.number(item, CounterKeys.GAMES),
                        Counters.number(item, CounterKeys.POSITIONS))));

    List<Bin> recent = new ArrayList<>();
    counters
        .partition(CounterKeys.bins(r), CounterKeys.bin(now.minus(java.time.Duration.ofHours(48))))
        .forEach(
            (start, item) ->
                recent.add(
                    new Bin(
                        start,
                        Counters.number(item, CounterKeys.GAMES),
                        Counters.number(item, CounterKeys.POSITIONS))));

    Map<String, Long> lastHour = new HashMap<>();
    for (String scope : Counters.lastHour(r, now)) {
      counters
          .partition(scope)
          .forEach(
              (who, item) ->
                  lastHour.merge(who, Counters.number(item, CounterKeys.GAMES), Long::sum));
    }
    List<QualityComparison> quality = DataQuality.compare(qualitySums(r));
    java.util.Set<String> flagged = new java.util.HashSet<>();
    quality.stream().filter(QualityComparison::flagged).forEach(q -> flagged.add(q.contributor()));
    List<ContributorStats> contributors = new ArrayList<>();
    counters
        .partition(CounterKeys.contributors(r))
        .forEach(
            (who, item) ->
                contributors.add(
                    new ContributorStats(
                        who,
                        Counters.number(item, CounterKeys.GAMES),
                        Counters.number(item, CounterKeys.POSITIONS),
                        Counters.number(item, CounterKeys.ACCEPTED),
                        Counters.number(item, CounterKeys.REJECTED),
                        Counters.number(item, CounterKeys.TASKS),
                        Counters.text(item, CounterKeys.LAST_SEEN),
                        Counters.text(item, CounterKeys.LAST_UPLOAD),
                        lastHour.getOrDefault(who, 0L),
                        flagged.contains(who))));
    contributors.sort(
        Comparator.comparingLong(ContributorStats::games)
            .reversed()
            .thenComparing(ContributorStats::contributor));

    Map<String, Map<String, AttributeValue>> selfPlay = counters.partition(CounterKeys.networks(r));
    Map<String, Double> ratingElo = ratingElo(items);
    List<NetworkStats> networkStats = new ArrayList<>();
    for (NetworkItem n : items) {
      long[] wld = ratingGames(r, n.getName());
      networkStats.add(
          new NetworkStats(
              n.getName(),
              NetworkStatus.valueOf(n.getStatus()),
              n.isEnabled(),
              n.getParent(),
              n.getSamples(),
              n.getRows(),
              n.getSteps(),
              n.getElo(),
              n.getEloLower(),
              n.getEloUpper(),
              n.getDecision(),
              n.getDecidedAgainst(),
              n.getDecidedAt(),
              ratingElo.get(n.getName()),
              Counters.number(selfPlay.get(n.getName()), CounterKeys.GAMES),
              wld[0],
              wld[1],
              wld[2],
              n.getCreatedAt()));
    }
    networkStats.sort(
        Comparator.comparingLong(NetworkStats::steps).reversed().thenComparing(NetworkStats::name));
    return new Stats(
        r,
        runItem.getState(),
        runItem.getCurrentNetwork(),
        now.toString(),
        totals,
        days,
        recent,
        contributors,
        networkStats,
        quality);
  }

  /** The quality sums by network, then contributor. */
  private Map<String, Map<String, DataQuality.Sums>> qualitySums(String run) {
    Map<String, Map<String, DataQuality.Sums>> out = new java.util.TreeMap<>();
    counters
        .partition(CounterKeys.quality(run))
        .forEach(
            (key, item) -> {
              int hash = key.lastIndexOf('#');
              out.computeIfAbsent(key.substring(0, hash), k -> new java.util.TreeMap<>())
                  .put(
                      key.substring(hash + 1),
                      DataQuality.Sums.fromCounters(name -> Counters.number(item, name)));
            });
    return out;
  }

  /**
   * Each network's Elo over the run's first network: the first released network without a baseline
   * is 0, and a decided network adds its Elo to its baseline's. A network whose chain does not
   * reach such a start (undecided, or its baseline disabled) has none.
   */
  static Map<String, Double> ratingElo(List<NetworkItem> items) {
    Map<String, NetworkItem> byName = new HashMap<>();
    items.forEach(n -> byName.put(n.getName(), n));
    Map<String, Double> out = new HashMap<>();
    for (NetworkItem n : items) {
      ratingElo(n, byName, out, 0);
    }
    return out;
  }

  private static Double ratingElo(
      NetworkItem n, Map<String, NetworkItem> byName, Map<String, Double> out, int depth) {
    if (n == null || depth > 10_000) {
      return null;
    }
    if (out.containsKey(n.getName())) {
      return out.get(n.getName());
    }
    Double value = null;
    if (n.getDecidedAgainst() == null) {
      if (NetworkStatus.RELEASED.name().equals(n.getStatus())) {
        value = 0.0;
      }
    } else if (n.getElo() != null) {
      Double base = ratingElo(byName.get(n.getDecidedAgainst()), byName, out, depth + 1);
      value = base == null ? null : base + n.getElo();
    }
    out.put(n.getName(), value);
    return value;
  }

  /**
   * Wins, losses and draws of a network as a candidate, over all its baselines: every stored game,
   * before the release decision's rules leave any out.
   */
  private long[] ratingGames(String run, String network) {
    long[] wld = new long[3];
    var pages =
        dynamo.queryPaginator(
            q ->
                q.tableName(Tables.MATCHES.tableName(config.tablePrefix()))
                    .keyConditionExpression("candidate = :c AND begins_with(baseline, :g)")
                    .projectionExpression("#o")
                    .expressionAttributeNames(Map.of("#o", "outcome"))
                    .expressionAttributeValues(
                        Map.of(
                            ":c",
                            AttributeValue.fromS(RatingTasks.pairKey(run, network)),
                            ":g",
                            AttributeValue.fromS("game#"))));
    for (Map<String, AttributeValue> item : pages.items()) {
      AttributeValue o = item.get("outcome");
      switch (o == null ? "" : o.s()) {
        case "win" -> wld[0]++;
        case "loss" -> wld[1]++;
        case "draw" -> wld[2]++;
        default -> {}
      }
    }
    return wld;
  }
}
