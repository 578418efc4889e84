package org.tengen.functions.publicpages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.tengen.core.api.PublicApi.PublicContributor;
import org.tengen.core.api.PublicApi.PublicDay;
import org.tengen.core.api.PublicApi.PublicNetwork;
import org.tengen.core.api.PublicApi.PublicRun;
import org.tengen.core.api.StatsApi.ContributorStats;
import org.tengen.core.api.StatsApi.Day;
import org.tengen.core.api.StatsApi.NetworkStats;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.client.BackendClient;
import org.tengen.core.storage.CounterKeys;
import org.tengen.core.storage.RunId;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.stats.Counters;
import org.tengen.functions.stats.StatsService;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A run's public pages: the functions publish what they show as {@code public/runs/{run}.json} in
 * the bucket, next to the pages' static files ({@code public/index.html} and the rest), so that a
 * CDN (or the functions themselves, {@link PublicFiles}) serves them without a key and without a
 * database read per visitor. Published after every release decision and network registration, and
 * after accepted uploads at most once a minute per run and instance. A failure to publish is logged
 * and never fails the call that triggered it: the pages are a view, the verdicts are the truth.
 */
@ApplicationScoped
public class PublicPages {

  private static final Logger LOG = Logger.getLogger(PublicPages.class);

  /** The pages' static files, from the functions' resources. */
  static final List<String> STATIC_FILES = List.of("index.html", "public.js", "public.css");

  /** Uploads publish a run's figures at most this often (per function instance). */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(60);

  @Inject StatsService stats;
  @Inject NetworkRepository networks;
  @Inject Counters counters;
  @Inject S3Client s3;
  @Inject TengenConfig config;

  private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();
  private volatile boolean staticFilesWritten;

  /** The bucket key of a run's published figures. */
  public static String runKey(String run) {
    return "public/runs/" + new RunId(run).value() + ".json";
  }

  /** What the pages show of {@code run} now. */
  public PublicRun build(String run, Instant now) {
    List<NetworkItem> list = networks.list(new RunId(run).value());
    Stats s = stats.stats(run, list); // the same read serves the figures and the files' hashes
    Map<String, NetworkItem> items = new HashMap<>();
    for (NetworkItem n : list) {
      items.put(n.getName(), n);
    }
    List<PublicNetwork> nets = new ArrayList<>();
    for (NetworkStats n : s.networks()) {
      if (!n.enabled()) {
        continue; // a disabled network is not offered for download
      }
      NetworkItem item = items.get(n.name());
      nets.add(
          new PublicNetwork(
              n.name(),
              n.status(),
              n.ratingElo(),
              n.elo(),
              n.eloLower(),
              n.eloUpper(),
              n.decidedAgainst(),
              n.ratingWins() + n.ratingLosses() + n.ratingDraws(),
              n.selfPlayGames(),
              n.createdAt(),
              n.decidedAt(),
              "/networks/" + s.run() + "/" + n.name() + ".bin.gz",
              item == null ? 0 : item.getBytes(),
              item == null ? null : item.getSha256()));
    }
    Map<String, Long> lastDay = new HashMap<>();
    Map<String, Long> lastWeek = new HashMap<>();
    for (int d = 0; d < 7; d++) {
      String day = CounterKeys.day(now.minus(d, ChronoUnit.DAYS));
      boolean today = d == 0;
      counters
          .partition(CounterKeys.contributorDay(s.run(), day))
          .forEach(
              (who, item) -> {
                long games = Counters.number(item, CounterKeys.GAMES);
                lastWeek.merge(who, games, Long::sum);
                if (today) {
                  lastDay.merge(who, games, Long::sum);
                }
              });
    }
    List<PublicContributor> contributors = new ArrayList<>();
    for (ContributorStats c : s.contributors()) {
      if (c.games() == 0) {
        continue;
      }
      contributors.add(
          new PublicContributor(
              c.contributor(),
              lastDay.getOrDefault(c.contributor(), 0L),
              lastWeek.getOrDefault(c.contributor(), 0L),
              c.games()));
    }
    contributors.sort(
        Comparator.comparingLong(PublicContributor::gamesLastWeek)
            .reversed()
            .thenComparing(Comparator.comparingLong(PublicContributor::gamesAllTime).reversed())
            .thenComparing(PublicContributor::contributor));
    List<PublicDay> days = new ArrayList<>();
    for (Day d : s.days()) {
      days.add(new PublicDay(d.day(), d.games(), d.positions()));
    }
    return new PublicRun(
        s.run(),
        now.toString(),
        s.currentNetwork(),
        s.totals().games(),
        s.totals().positions(),
        nets,
        contributors,
        days);
  }

  /** Publishes the run's figures now; a failure is logged, not thrown. */
  public void publishNow(String run) {
    if (!config.publicPages()) {
      return;
    }
    try {
      Instant now = Instant.now();
      writeStaticFiles();
      byte[] json = BackendClient.JSON.writeValueAsBytes(build(run, now));
      s3.putObject(
          p ->
              p.bucket(config.bucket())
                  .key(runKey(run))
                  .contentType("application/json")
                  .cacheControl("public, max-age=60"),
          RequestBody.fromBytes(json));
      lastPublished.put(run, now);
    } catch (RuntimeException | IOException e) {
      LOG.warnf("the public pages of run %s were not published: %s", run, e.toString());
    }
  }

  /** Publishes the run's figures unless this instance did so less than a minute ago. */
  public void publishSoon(String run) {
    Instant last = lastPublished.get(run);
    if (last == null || last.plus(MIN_INTERVAL).isBefore(Instant.now())) {
      publishNow(run);
    }
  }

  private void writeStaticFiles() {
    if (staticFilesWritten) {
      return;
    }
    for (String file : STATIC_FILES) {
      byte[] bytes = resource(file);
      s3.putObject(
          p ->
              p.bucket(config.bucket())
                  .key("public/" + file)
                  .contentType(PublicFiles.contentType(file))
                  .cacheControl("public, max-age=300"),
          RequestBody.fromBytes(bytes));
    }
    staticFilesWritten = true;
  }

  static byte[] resource(String file) {
    try (InputStream in = PublicPages.class.getResourceAsStream("/public-pages/" + file)) {
      if (in == null) {
        throw new IllegalStateException("the functions were built without public-pages/" + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
