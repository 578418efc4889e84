package org.tengen.functions.admin;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.tengen.core.api.AdminApi.ContributorRequest;
import org.tengen.core.api.AdminApi.ContributorView;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.AdminApi.CreatedContributor;
import org.tengen.core.api.AdminApi.DisabledNetwork;
import org.tengen.core.api.AdminApi.NetworkRequest;
import org.tengen.core.api.AdminApi.RunView;

/** Admin functions; the auth filter admits only the admin key to them. */
public class AdminFunctions {

  @Inject AdminService service;

  @Funq
  public RunView createRun(CreateRunRequest request) {
    return service.createRun(request);
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
  public CreatedContributor rotateContributorKey(ContributorRequest request) {
    return service.rotateContributorKey(request.contributor());
  }

  @Funq
  public DisabledNetwork disableNetwork(NetworkRequest request) {
    return service.disableNetwork(request.run(), request.name());
  }
}
