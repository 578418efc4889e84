package org.tengen.functions.release;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.core.api.RatingApi.DecideRequest;
import org.tengen.core.api.RatingApi.Decision;
import org.tengen.core.api.RatingApi.MatchResultRequest;
import org.tengen.functions.auth.Caller;

/** recordMatchResult (contributors' workers) and decideRelease (admin). */
public class ReleaseFunctions {

  @Inject ReleaseService service;
  @Inject RoutingContext context;

  @Funq
  public Decision recordMatchResult(MatchResultRequest r) {
    return service.record(Caller.of(context).contributor(), r.run(), r.taskId(), r.games());
  }

  @Funq
  public Decision decideRelease(DecideRequest r) {
    return service.decide(r.run(), r.candidate());
  }
}
