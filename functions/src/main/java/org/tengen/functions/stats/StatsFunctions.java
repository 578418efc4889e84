package org.tengen.functions.stats;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.StatsRequest;

/** stats: for contributors and the admin (the dashboard). */
public class StatsFunctions {

  @Inject StatsService service;

  @Funq
  public Stats stats(StatsRequest request) {
    return service.stats(request.run());
  }
}
