package org.tengen.functions.stats;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.tengen.core.api.StatsApi.ContributorStats;
import org.tengen.core.api.StatsApi.QualityComparison;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.storage.ContributorId;
import org.tengen.functions.auth.Caller;
import org.tengen.functions.quota.Quotas;

/**
 * stats: for the admin (the dashboard) the whole view; for a contributor the run's aggregates
 * (totals, days, networks) and its own row and data-quality figures only: how the others' games
 * compare with the rest is the operator's business, and showing one contributor another's z-scores
 * would show a cheater where the checks draw the line.
 */
public class StatsFunctions {

  @Inject StatsService service;

  @Inject RoutingContext context;

  @Inject Quotas quotas;

  @Funq
  public Stats stats(StatsRequest request) {
    Caller caller = Caller.of(context);
    if (caller.role() != Caller.Role.ADMIN) {
      quotas.takeStats(caller.contributor(), Instant.now());
    }
    Stats all = service.stats(request.run());
    return caller.role() == Caller.Role.ADMIN ? all : forContributor(all, caller.contributor());
  }

  /** The view a contributor gets: the run's aggregates, its own row and quality figures. */
  static Stats forContributor(Stats all, ContributorId me) {
    String mine = me == null ? null : me.value();
    List<QualityComparison> quality =
        all.quality().stream().filter(q -> q.contributor().equals(mine)).toList();
    List<ContributorStats> contributors =
        all.contributors().stream().filter(c -> c.contributor().equals(mine)).toList();
    return new Stats(
        all.run(),
        all.state(),
        all.currentNetwork(),
        all.generatedAt(),
        all.totals(),
        all.days(),
        all.recent(),
        contributors,
        all.networks(),
        quality);
  }
}
