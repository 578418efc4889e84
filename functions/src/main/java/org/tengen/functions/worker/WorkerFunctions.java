package org.tengen.functions.worker;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.core.api.IdentityApi.Identity;
import org.tengen.core.api.IdentityApi.WhoamiRequest;
import org.tengen.functions.auth.Caller;

/** Functions for contributors' workers (nextTask and confirmUpload come with the upload path). */
public class WorkerFunctions {

  @Inject RoutingContext context;

  @Funq
  public Identity whoami(WhoamiRequest request) {
    return new Identity(Caller.of(context).contributor().value());
  }
}
