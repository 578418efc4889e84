package org.tengen.functions.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.tengen.core.curriculum.Curriculum;
import org.tengen.core.go.Rules;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.functions.auth.ApiKeys;
import org.tengen.functions.contributors.ContributorItem;
import org.tengen.functions.contributors.ContributorRepository;
import org.tengen.functions.error.ApiException;
import org.tengen.functions.networks.NetworkItem;
import org.tengen.functions.networks.NetworkRepository;
import org.tengen.functions.runs.RunItem;
import org.tengen.functions.runs.RunRepository;

/** What the admin functions do: create runs and contributors, disable contributors and networks. */
@ApplicationScoped
public class AdminService {

  private static final Logger LOG = Logger.getLogger(AdminService.class);

  /** A run as the API shows it. */
  public record RunView(
      String run,
      String curriculum,
      String rules,
      double komi,
      int gamesPerBatch,
      String state,
      String currentNetwork,
      long shards) {
    static RunView of(RunItem i) {
      return new RunView(
          i.getRun(),
          i.getCurriculum(),
          i.getRules(),
          i.getKomi(),
          i.getGamesPerBatch(),
          i.getState(),
          i.getCurrentNetwork(),
          i.getShards());
    }
  }

  /** A contributor as the API shows it (never the key or its hash). */
  public record ContributorView(String contributor, boolean enabled, String createdAt) {
    static ContributorView of(ContributorItem i) {
      return new ContributorView(i.getContributor(), i.isEnabled(), i.getCreatedAt());
    }
  }

  /** The answer to creating a contributor: the key, shown this once. */
  public record CreatedContributor(String contributor, String key) {}

  @Inject RunRepository runs;
  @Inject org.tengen.functions.config.TengenConfig config;
  @Inject ContributorRepository contributors;
  @Inject NetworkRepository networks;

  public RunView createRun(
      String run,
      String curriculum,
      String rules,
      Double komi,
      Integer gamesPerBatch,
      String releasePolicy) {
    RunId id = new RunId(run);
    if (curriculum == null) {
      curriculum = config.defaults().curriculum().orElse(null);
    }
    if (releasePolicy == null) {
      releasePolicy = config.defaults().releasePolicy().orElse(null);
    }
    Curriculum c = curriculum == null ? Curriculum.seed() : Curriculum.parse(curriculum);
    Rules r = Rules.parse(rules == null ? "chinese" : rules);
    double k = komi == null ? r.komi() : komi;
    Rules.checkKomi(k);
    int games = gamesPerBatch == null ? 25 : gamesPerBatch;
    if (games < 1 || games > 64) {
      throw ApiException.badRequest("GAMES_PER_BATCH_INVALID", "gamesPerBatch must be 1..64");
    }
    if (releasePolicy != null) {
      org.tengen.core.rating.ReleasePolicy.parse(releasePolicy); // refuses a malformed policy
    }
    RunItem item = new RunItem();
    item.setRun(id.value());
    item.setReleasePolicy(releasePolicy);
    item.setCurriculum(c.toString());
    item.setRules(r.name());
    item.setKomi(k);
    item.setGamesPerBatch(games);
    item.setState("ACTIVE");
    item.setShards(0);
    item.setCreatedAt(Instant.now().toString());
    runs.create(item);
    LOG.infof("created run %s", id);
    return RunView.of(item);
  }

  public CreatedContributor createContributor(String contributor) {
    ContributorId id = new ContributorId(contributor);
    String key = ApiKeys.newKey();
    ContributorItem item = new ContributorItem();
    item.setContributor(id.value());
    item.setKeyHash(ApiKeys.sha256(key));
    item.setEnabled(true);
    item.setCreatedAt(Instant.now().toString());
    contributors.create(item);
    LOG.infof("created contributor %s", id);
    return new CreatedContributor(id.value(), key);
  }

  public ContributorView disableContributor(String contributor) {
    ContributorId id = new ContributorId(contributor);
    ContributorItem item =
        contributors
            .get(id.value())
            .orElseThrow(
                () -> ApiException.notFound("CONTRIBUTOR_UNKNOWN", "no contributor '" + id + "'"));
    item.setEnabled(false);
    contributors.update(item);
    LOG.infof("disabled contributor %s", id);
    return ContributorView.of(item);
  }

  /** A network as the disable answer shows it. */
  public record NetworkView(String run, String name, String status, boolean enabled) {}

  /**
   * Disables a network: later uploads of games played with it are rejected, and it is neither
   * handed out nor rated any more.
   */
  public NetworkView disableNetwork(String run, String name) {
    RunId id = new RunId(run);
    NetworkItem item =
        networks
            .get(id.value(), name)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "NETWORK_UNKNOWN", "no network '" + name + "' in run " + id));
    item.setEnabled(false);
    networks.update(item);
    LOG.infof("disabled network %s of run %s", name, id);
    return new NetworkView(id.value(), item.getName(), item.getStatus(), false);
  }
}
