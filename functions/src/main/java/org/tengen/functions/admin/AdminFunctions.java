package org.tengen.functions.admin;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.functions.admin.AdminService.ContributorView;
import org.tengen.functions.admin.AdminService.CreatedContributor;
import org.tengen.functions.admin.AdminService.NetworkView;
import org.tengen.functions.admin.AdminService.RunView;

/** Admin functions; the auth filter admits only the admin key to them. */
public class AdminFunctions {

  /** createRun's input; absent fields take the seed's defaults. */
  public record CreateRunRequest(
      String run,
      String curriculum,
      String rules,
      Double komi,
      Integer gamesPerBatch,
      String releasePolicy) {}

  public record ContributorRequest(String contributor) {}

  public record NetworkRequest(String run, String name) {}

  @Inject AdminService service;

  @Funq
  public RunView createRun(CreateRunRequest request) {
    return service.createRun(
        request.run(),
        request.curriculum(),
        request.rules(),
        request.komi(),
        request.gamesPerBatch(),
        request.releasePolicy());
  }

  @Funq
  public CreatedContributor createContributor(ContributorRequest request) {
    return service.createContributor(request.contributor());
  }

  @Funq
  public ContributorView disableContributor(ContributorRequest request) {
    return service.disableContributor(request.contributor());
  }

  @Funq
  public NetworkView disableNetwork(NetworkRequest request) {
    return service.disableNetwork(request.run(), request.name());
  }
}
