package org.tengen.functions.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkStatus;
import org.tengen.core.api.RatingApi.Decision;
import org.tengen.core.api.RatingApi.RatedGame;
import org.tengen.core.go.Color;
import org.tengen.core.go.Rules;
import org.tengen.core.rating.ContributorSpread;
import org.tengen.core.rating.MatchScore;
import org.tengen.core.rating.RatingGameCheck;
import org.tengen.core.rating.ReleasePolicy;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.contributors.ContributorRepository;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Rating games and release decisions. A game counts from its record, replayed and counted here,
 * stored once ({@link RatingGames}); the tally is taken from the stored games of contributors not
 * disabled, spread over contributors ({@link ContributorSpread}); the decision applies the run's
 * {@link ReleasePolicy}, and a release moves the run's current network only if it is still the
 * baseline (a versioned write: two concurrent decisions cannot both win).
 */
@ApplicationScoped
public class ReleaseService {

  private static final Logger LOG = Logger.getLogger(ReleaseService.class);

  @Inject DynamoDbEnhancedClient enhanced;
  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject TengenConfig config;
  @Inject RatingTasks ratingTasks;
  @Inject RatingGames ratingGames;
  @Inject org.tengen.functions.publicpages.PublicPages publicPages;
  @Inject ContributorRepository contributors;

  /**
   * Counts a rating task's games from their records: each is replayed under the task's board, rules
   * and komi and its outcome taken from the backend's own count ({@link RatingGameCheck}); a list
   * with any game that does not replay is refused whole. Each game is stored once however often it
   * is reported. Then the candidate is decided on.
   */
  public Decision record(ContributorId caller, String run, String taskId, List<RatedGame> games) {
    RunId runId = new RunId(run);
    if (taskId == null || taskId.isBlank()) {
      throw new ApiException(ErrorCode.RESULTS_INVALID, "taskId is missing");
    }
    if (games == null || games.isEmpty()) {
      throw new ApiException(ErrorCode.RESULTS_INVALID, "no game records");
    }
    RatingTasks.StoredTask task =
        ratingTasks
            .get(runId.value(), taskId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.TASK_UNKNOWN, "no rating task '" + taskId + "' in run " + runId));
    if (!task.contributor().equals(caller.value())) {
      throw new ApiException(
          ErrorCode.TASK_NOT_YOURS, "rating task " + taskId + " was given to another contributor");
    }
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < task.games(); i++) {
      expected.put(RatingTasks.gameId(taskId, i), i);
    }
    if (games.size() > task.games()) {
      throw new ApiException(
          ErrorCode.RESULTS_INVALID,
          games.size() + " records for task " + taskId + " of " + task.games() + " games");
    }
    Rules rules;
    try {
      rules = Rules.parse(task.rules()).withKomi(task.komi());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("rating task " + taskId + " has bad rules: " + e, e);
    }
    Set<String> reported = new HashSet<>();
    List<RatingGameCheck.Checked> checked = new ArrayList<>();
    for (RatedGame g : games) {
      Integer index = g == null ? null : expected.get(g.gameId());
      if (index == null) {
        throw new ApiException(
            ErrorCode.RESULTS_INVALID,
            "game '" + (g == null ? null : g.gameId()) + "' is not one of task " + taskId,
            Map.of("games", List.copyOf(new TreeSet<>(expected.keySet()))));
      }
      if (!reported.add(g.gameId())) {
        throw new ApiException(
            ErrorCode.RESULTS_INVALID, "game " + g.gameId() + " is reported twice in one list");
      }
      Color candidate = task.candidateColor(index) == 'B' ? Color.BLACK : Color.WHITE;
      try {
        checked.add(
            RatingGameCheck.check(task.boardSize(), rules, candidate, g.moves(), g.result()));
      } catch (IllegalArgumentException e) {
        throw new ApiException(
            ErrorCode.RESULTS_INVALID, "game " + g.gameId() + ": " + e.getMessage());
      }
    }
    for (int i = 0; i < games.size(); i++) {
      RatedGame g = games.get(i);
      ratingGames.put(
          runId.value(),
          task.candidate(),
          task.baseline(),
          g.gameId(),
          caller.value(),
          taskId,
          checked.get(i).outcome(),
          checked.get(i).result().toString(),
          g.moves());
      // not stored: the game was counted before (a retried report)
    }
    return decide(run, task.candidate());
  }

  /**
   * Candidates older than a network just released (fewer samples) are never rated again (rating
   * tasks go to the newest candidate): they are marked superseded rather than left candidates for
   * ever. Each is a versioned write of its own; one changed meanwhile is left for the next release.
   */
  private void supersedeOlderCandidates(String run, NetworkItem released) {
    for (NetworkItem n : networks.list(run)) {
      if (NetworkStatus.CANDIDATE.name().equals(n.getStatus())
          && !n.getName().equals(released.getName())
          && n.getSamples() < released.getSamples()) {
        n.setStatus(NetworkStatus.SUPERSEDED.name());
        n.setDecision("superseded: " + released.getName() + " was released first");
        n.setDecidedAt(java.time.Instant.now().toString());
        try {
          networks.update(n);
          LOG.infof("%s SUPERSEDED in run %s by %s", n.getName(), run, released.getName());
        } catch (ApiException e) {
          LOG.warnf(
              "%s not marked superseded (%s); the next release tries again",
              n.getName(), e.getMessage());
        }
      }
    }
  }

  public Decision decide(String run, String candidate) {
    RunId runId = new RunId(run);
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> new ApiException(ErrorCode.RUN_UNKNOWN, "no run '" + runId + "'"));
    NetworkItem network =
        networks
            .get(runId.value(), candidate)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NETWORK_UNKNOWN,
                        "no network '" + candidate + "' in run " + runId));
    if (!NetworkStatus.CANDIDATE.name().equals(network.getStatus())) {
      return decided(run, network);
    }
    String baseline = runItem.getCurrentNetwork();
    ContributorSpread.Tally tally = tally(run, candidate, baseline);
    MatchScore score = tally.score();
    ReleasePolicy policy =
        runItem.getReleasePolicy() == null
            ? ReleasePolicy.defaultPolicy()
            : ReleasePolicy.parse(runItem.getReleasePolicy());
    // The milestone counts steps since the network the candidate is rated against, not the
    // candidate's own step count: every candidate of a run whose jobs have 10,000 steps would be
    // a multiple of 10,000.
    long baselineSteps = networks.get(run, baseline).map(NetworkItem::getSteps).orElse(0L);
    ReleasePolicy.Verdict verdict = policy.decide(score, network.getSteps() - baselineSteps);
    if (!tally.leftOut().isEmpty()) {
      verdict =
          new ReleasePolicy.Verdict(
              verdict.outcome(),
              verdict.elo(),
              verdict.sprt(),
              verdict.reason() + "; " + tally.summary());
    }
    if (!network.isEnabled() && verdict.outcome() == ReleasePolicy.Outcome.RELEASE) {
      // An admin disabled it (a broken export, a poisoned lineage): whatever its games say, it
      // is never released.
      verdict =
          new ReleasePolicy.Verdict(
              ReleasePolicy.Outcome.REJECT,
              verdict.elo(),
              verdict.sprt(),
              "disabled by an admin; " + verdict.reason());
    }
    if (verdict.outcome() != ReleasePolicy.Outcome.CONTINUE) {
      // The run's current network and the candidate's status change in one transaction, each
      // item versioned: a failure leaves both as they were, a repeat finds the decision taken,
      // and of two concurrent decisions one is written.
      var transaction = TransactWriteItemsEnhancedRequest.builder();
      if (verdict.outcome() == ReleasePolicy.Outcome.RELEASE) {
        runItem.setCurrentNetwork(candidate);
        runs.addUpdate(transaction, runItem);
        network.setStatus(NetworkStatus.RELEASED.name());
      } else {
        network.setStatus(NetworkStatus.REJECTED.name());
      }
      network.setElo(verdict.elo().elo());
      network.setEloLower(verdict.elo().lower());
      network.setEloUpper(verdict.elo().upper());
      network.setDecision(verdict.reason());
      network.setDecidedAgainst(baseline);
      network.setDecidedAt(java.time.Instant.now().toString());
      networks.addUpdate(transaction, network);
      try {
        enhanced.transactWriteItems(transaction.build());
      } catch (TransactionCanceledException e) {
        NetworkItem now = networks.get(runId.value(), candidate).orElseThrow();
        if (!NetworkStatus.CANDIDATE.name().equals(now.getStatus())) {
          return decided(run, now); // decided concurrently
        }
        throw new ApiException(
            ErrorCode.CONCURRENT_UPDATE,
            "run " + runId + " changed while deciding on " + candidate);
      }
      LOG.infof("%s %s in run %s: %s", candidate, network.getStatus(), runId, verdict.reason());
      publicPages.publishNow(runId.value());
      if (verdict.outcome() == ReleasePolicy.Outcome.RELEASE) {
        supersedeOlderCandidates(runId.value(), network);
        org.tengen.functions.stats.Metrics.value(
            runId.value(), "ReleasedNetworkElo", verdict.elo().elo());
      }
      org.tengen.functions.stats.Metrics.count(
          runId.value(),
          Map.of(
              verdict.outcome() == ReleasePolicy.Outcome.RELEASE
                  ? "NetworksReleased"
                  : "NetworksRejected",
              1.0));
    }
    return new Decision(
        candidate,
        baseline,
        score.wins(),
        score.losses(),
        score.draws(),
        verdict.elo().elo(),
        verdict.elo().lower(),
        verdict.elo().upper(),
        verdict.sprt().map(s -> s.llr()).orElse(null),
        verdict.outcome().name(),
        NetworkStatus.valueOf(network.getStatus()),
        verdict.reason());
  }

  /** The decision already taken on a network, with the games it was taken on. */
  private Decision decided(String run, NetworkItem network) {
    String against = network.getDecidedAgainst();
    MatchScore score =
        against == null ? MatchScore.NONE : tally(run, network.getName(), against).score();
    String outcome =
        NetworkStatus.RELEASED.name().equals(network.getStatus()) ? "RELEASE" : "REJECT";
    return new Decision(
        network.getName(),
        against,
        score.wins(),
        score.losses(),
        score.draws(),
        network.getElo(),
        network.getEloLower(),
        network.getEloUpper(),
        null,
        outcome,
        NetworkStatus.valueOf(network.getStatus()),
        network.getDecision());
  }

  /**
   * What counts of the candidate's games against the baseline: those of contributors not disabled,
   * spread over contributors as {@link ContributorSpread} demands.
   */
  ContributorSpread.Tally tally(String run, String candidate, String baseline) {
    Set<String> disabled = new HashSet<>(contributors.disabled());
    List<ContributorSpread.Game> games = new ArrayList<>();
    for (RatingGames.Counted g : ratingGames.list(run, candidate, baseline)) {
      if (!disabled.contains(g.contributor())) {
        games.add(new ContributorSpread.Game(g.contributor(), g.outcome()));
      }
    }
    ContributorSpread.Tally tally =
        new ContributorSpread(config.rating().maxContributorShare(), config.rating().outlierAlpha())
            .tally(games);
    if (!tally.leftOut().isEmpty()) {
      LOG.warnf("rating %s against %s in run %s: %s", candidate, baseline, run, tally.summary());
    }
    return tally;
  }
}
