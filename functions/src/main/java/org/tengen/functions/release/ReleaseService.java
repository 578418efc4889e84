package org.tengen.functions.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.tengen.core.rating.MatchScore;
import org.tengen.core.rating.ReleasePolicy;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Rating results and release decisions. Each game result is counted once (a conditional claim of
 * {@code game#<run>#<gameId>}); counters are atomic additions on the match item of (candidate,
 * baseline); the decision applies the run's {@link ReleasePolicy}, and a release moves the run's
 * current network only if it is still the baseline (a versioned write: two concurrent decisions
 * cannot both win).
 */
@ApplicationScoped
public class ReleaseService {

  private static final Logger LOG = Logger.getLogger(ReleaseService.class);

  /** One rating game, from the candidate's view. */
  public record GameOutcome(String gameId, String outcome) {}

  /** A decision as the API shows it. */
  public record DecisionView(
      String candidate,
      String baseline,
      long wins,
      long losses,
      long draws,
      double elo,
      double eloLower,
      double eloUpper,
      Double llr,
      String outcome,
      String status,
      String reason) {}

  @Inject DynamoDbClient dynamo;
  @Inject RunRepository runs;
  @Inject NetworkRepository networks;
  @Inject TengenConfig config;

  private String matchesTable() {
    return Tables.MATCHES.tableName(config.tablePrefix());
  }

  private static String candidateKey(String run, String candidate) {
    return run + "#" + candidate;
  }

  public DecisionView record(
      String run, String candidate, String baseline, List<GameOutcome> games) {
    RunId runId = new RunId(run);
    if (games == null || games.isEmpty() || games.size() > 1000) {
      throw ApiException.badRequest("RESULTS_INVALID", "send 1..1000 game results");
    }
    networks
        .get(runId.value(), candidate)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "NETWORK_UNKNOWN", "no network '" + candidate + "' in run " + runId));
    networks
        .get(runId.value(), baseline)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "NETWORK_UNKNOWN", "no network '" + baseline + "' in run " + runId));
    for (GameOutcome g : games) {
      String counter =
          switch (g.outcome() == null ? "" : g.outcome()) {
            case "win" -> "wins";
            case "loss" -> "losses";
            case "draw" -> "draws";
            default ->
                throw ApiException.badRequest(
                    "RESULTS_INVALID",
                    "game " + g.gameId() + ": outcome must be win, loss or draw");
          };
      if (g.gameId() == null || !g.gameId().matches("[A-Za-z0-9_-]{1,80}")) {
        throw ApiException.badRequest("RESULTS_INVALID", "game ids are 1-80 of [A-Za-z0-9_-]");
      }
      try {
        dynamo.putItem(
            p ->
                p.tableName(matchesTable())
                    .item(
                        Map.of(
                            "candidate",
                            AttributeValue.fromS("game#" + runId + "#" + g.gameId()),
                            "baseline",
                            AttributeValue.fromS("-")))
                    .conditionExpression("attribute_not_exists(candidate)"));
      } catch (ConditionalCheckFailedException e) {
        continue; // counted already: a retried report
      }
      dynamo.updateItem(
          u ->
              u.tableName(matchesTable())
                  .key(
                      Map.of(
                          "candidate",
                          AttributeValue.fromS(candidateKey(run, candidate)),
                          "baseline",
                          AttributeValue.fromS(baseline)))
                  .updateExpression("ADD #c :one")
                  .expressionAttributeNames(Map.of("#c", counter))
                  .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }
    return decide(run, candidate);
  }

  public DecisionView decide(String run, String candidate) {
    RunId runId = new RunId(run);
    RunItem runItem =
        runs.get(runId.value())
            .orElseThrow(() -> ApiException.notFound("RUN_UNKNOWN", "no run '" + runId + "'"));
    NetworkItem network =
        networks
            .get(runId.value(), candidate)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "NETWORK_UNKNOWN", "no network '" + candidate + "' in run " + runId));
    String baseline = runItem.getCurrentNetwork();
    MatchScore score = score(run, candidate, baseline);
    ReleasePolicy policy =
        runItem.getReleasePolicy() == null
            ? ReleasePolicy.defaultPolicy()
            : ReleasePolicy.parse(runItem.getReleasePolicy());
    ReleasePolicy.Verdict verdict = policy.decide(score, network.getSteps());
    if (NetworkItem.Status.CANDIDATE.name().equals(network.getStatus())
        && verdict.outcome() != ReleasePolicy.Outcome.CONTINUE) {
      if (verdict.outcome() == ReleasePolicy.Outcome.RELEASE) {
        runItem.setCurrentNetwork(candidate); // versioned: fails if the run moved meanwhile
        runs.update(runItem);
        network = networks.get(runId.value(), candidate).orElseThrow();
        network.setStatus(NetworkItem.Status.RELEASED.name());
      } else {
        network.setStatus(NetworkItem.Status.REJECTED.name());
      }
      network.setElo(verdict.elo().elo());
      network.setEloLower(verdict.elo().lower());
      network.setEloUpper(verdict.elo().upper());
      network.setDecision(verdict.reason());
      networks.update(network);
      LOG.infof("%s %s in run %s: %s", candidate, network.getStatus(), runId, verdict.reason());
    }
    return new DecisionView(
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
        network.getStatus(),
        verdict.reason());
  }

  private MatchScore score(String run, String candidate, String baseline) {
    GetItemResponse r =
        dynamo.getItem(
            g ->
                g.tableName(matchesTable())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "candidate",
                            AttributeValue.fromS(candidateKey(run, candidate)),
                            "baseline",
                            AttributeValue.fromS(baseline))));
    if (!r.hasItem()) {
      return MatchScore.NONE;
    }
    return new MatchScore(
        count(r.item(), "wins"), count(r.item(), "losses"), count(r.item(), "draws"));
  }

  private static long count(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? 0 : Long.parseLong(v.n());
  }
}
