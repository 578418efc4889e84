package org.tengen.functions.networks;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import org.tengen.core.storage.RunId;
import org.tengen.functions.contributors.ContributorRepository;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkService.NetworkView;
import org.tengen.functions.runs.RunRepository;

/**
 * The training job's calls; the auth filter admits only the trainer key. registerNetwork publishes
 * a network; trainingExclusions names whose shards to leave out: disabled contributors (an admin
 * disables one that {@code stats} flags as bad data) and the run's disabled networks.
 */
public class NetworkFunctions {

  public record RegisterNetworkRequest(
      String run, String name, String sha256, long bytes, String parent, Long steps) {}

  public record RunRequest(String run) {}

  public record Exclusions(String run, List<String> contributors, List<String> networks) {}

  @Inject NetworkService service;
  @Inject ContributorRepository contributors;
  @Inject NetworkRepository networks;
  @Inject RunRepository runs;

  @Funq
  public Exclusions trainingExclusions(RunRequest r) {
    RunId run = new RunId(r == null ? null : r.run());
    runs.get(run.value())
        .orElseThrow(() -> ApiException.notFound("RUN_UNKNOWN", "no run '" + run + "'"));
    return new Exclusions(
        run.value(),
        contributors.disabled(),
        networks.list(run.value()).stream()
            .filter(n -> !n.isEnabled())
            .map(NetworkItem::getName)
            .sorted()
            .toList());
  }

  @Funq
  public NetworkView registerNetwork(RegisterNetworkRequest r) {
    return service.register(r.run(), r.name(), r.sha256(), r.bytes(), r.parent(), r.steps());
  }
}
