package org.tengen.functions.networks;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.functions.networks.NetworkService.NetworkView;

/** registerNetwork: the training job's call; the auth filter admits only the trainer key. */
public class NetworkFunctions {

  public record RegisterNetworkRequest(
      String run, String name, String sha256, long bytes, String parent, Long steps) {}

  @Inject NetworkService service;

  @Funq
  public NetworkView registerNetwork(RegisterNetworkRequest r) {
    return service.register(r.run(), r.name(), r.sha256(), r.bytes(), r.parent(), r.steps());
  }
}
