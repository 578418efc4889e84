package org.tengen.functions.stats;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.functions.stats.StatsService.Stats;

/** stats: for contributors and the admin (the dashboard). */
public class StatsFunctions {

  public record StatsRequest(String run) {}

  @Inject StatsService service;

  @Funq
  public Stats stats(StatsRequest request) {
    return service.stats(request.run());
  }
}
