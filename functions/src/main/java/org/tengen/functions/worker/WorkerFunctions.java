package org.tengen.functions.worker;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.functions.auth.Caller;

/** Functions for contributors' workers (nextTask and confirmUpload come with the upload path). */
public class WorkerFunctions {

  /** whoami's input: nothing, but every function takes a JSON object. */
  public record WhoamiRequest() {}

  /** Who the key belongs to: lets a worker check its configuration before it plays. */
  public record Identity(String contributor) {}

  @Inject RoutingContext context;

  @Funq
  public Identity whoami(WhoamiRequest request) {
    return new Identity(Caller.of(context).contributor().value());
  }
}
