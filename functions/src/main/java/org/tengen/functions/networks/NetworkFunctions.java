package org.tengen.functions.networks;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkApi.Exclusions;
import org.tengen.core.api.NetworkApi.NetworkView;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.NetworkApi.RunRequest;
import org.tengen.core.storage.RunId;
import org.tengen.functions.contributors.ContributorRepository;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.runs.RunRepository;

/**
 * The training job's calls; the auth filter admits only the trainer key. registerNetwork publishes
 * a network; trainingExclusions names whose shards to leave out: disabled contributors (an admin
 * disables one that {@code stats} flags as bad data) and the run's disabled networks.
 */
public class NetworkFunctions {

  @Inject NetworkService service;
  @Inject ContributorRepository contributors;
  @Inject NetworkRepository networks;
  @Inject RunRepository runs;

  @Funq
  public Exclusions trainingExclusions(RunRequest r) {
    RunId run = new RunId(r == null ? null : r.run());
    runs.get(run.value())
        .orElseThrow(() -> new ApiException(ErrorCode.RUN_UNKNOWN, "no run '" + run + "'"));
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
    return service.register(r);
  }
}
