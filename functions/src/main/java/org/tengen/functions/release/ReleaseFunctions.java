package org.tengen.functions.release;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import org.tengen.functions.release.ReleaseService.DecisionView;
import org.tengen.functions.release.ReleaseService.GameOutcome;

/** recordMatchResult (contributors' workers) and decideRelease (admin). */
public class ReleaseFunctions {

  public record MatchResultRequest(
      String run, String candidate, String baseline, List<GameOutcome> games) {}

  public record DecideRequest(String run, String candidate) {}

  @Inject ReleaseService service;

  @Funq
  public DecisionView recordMatchResult(MatchResultRequest r) {
    return service.record(r.run(), r.candidate(), r.baseline(), r.games());
  }

  @Funq
  public DecisionView decideRelease(DecideRequest r) {
    return service.decide(r.run(), r.candidate());
  }
}
