package org.tengen.functions.release;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.util.List;
import org.tengen.functions.auth.Caller;
import org.tengen.functions.release.ReleaseService.DecisionView;
import org.tengen.functions.release.ReleaseService.GameOutcome;

/** recordMatchResult (contributors' workers) and decideRelease (admin). */
public class ReleaseFunctions {

  /** The results of a rating task's games, outcomes from the candidate's view. */
  public record MatchResultRequest(String run, String taskId, List<GameOutcome> games) {}

  public record DecideRequest(String run, String candidate) {}

  @Inject ReleaseService service;
  @Inject RoutingContext context;

  @Funq
  public DecisionView recordMatchResult(MatchResultRequest r) {
    return service.record(Caller.of(context).contributor(), r.run(), r.taskId(), r.games());
  }

  @Funq
  public DecisionView decideRelease(DecideRequest r) {
    return service.decide(r.run(), r.candidate());
  }
}
