package org.tengen.functions.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.tengen.core.api.AdminApi.ContributorView;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.AdminApi.CreatedContributor;
import org.tengen.core.api.AdminApi.DisabledNetwork;
import org.tengen.core.api.AdminApi.RunView;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.NetworkStatus;
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

  @Inject RunRepository runs;
  @Inject org.tengen.functions.config.TengenConfig config;
  @Inject ContributorRepository contributors;
  @Inject NetworkRepository networks;

  public RunView createRun(CreateRunRequest request) {
    RunId id = RunId.forNewRun(request.run());
    String curriculum = request.curriculum();
    String releasePolicy = request.releasePolicy();
    String rules = request.rules();
    Double komi = request.komi();
    Integer gamesPerBatch = request.gamesPerBatch();
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
      throw new ApiException(ErrorCode.GAMES_PER_BATCH_INVALID, "gamesPerBatch must be 1..64");
    }
    if (releasePolicy != null) {
      org.tengen.core.rating.ReleasePolicy.parse(releasePolicy); // refuses a malformed policy
    }
    String variety = request.selfPlayVariety() == null ? "none" : request.selfPlayVariety().strip();
    org.tengen.core.selfplay.Variety.parse(variety, 9); // refuses a malformed variety
    String search =
        org.tengen.core.selfplay.SearchSettings.parse(request.selfPlaySearch()).toString();
    RunItem item = new RunItem();
    item.setRun(id.value());
    item.setReleasePolicy(releasePolicy);
    item.setCurriculum(c.toString());
    item.setRules(r.name());
    item.setKomi(k);
    item.setGamesPerBatch(games);
    item.setSelfPlayVariety(variety);
    item.setSelfPlaySearch(search);
    item.setState("ACTIVE");
    item.setShards(0);
    item.setCreatedAt(Instant.now().toString());
    runs.create(item);
    LOG.infof("created run %s", id);
    return runView(item);
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
    ContributorItem item = existing(id);
    contributors.disable(item);
    LOG.infof("disabled contributor %s", id);
    return new ContributorView(item.getContributor(), item.isEnabled(), item.getCreatedAt());
  }

  private ContributorItem existing(ContributorId id) {
    return contributors
        .get(id.value())
        .orElseThrow(
            () -> new ApiException(ErrorCode.CONTRIBUTOR_UNKNOWN, "no contributor '" + id + "'"));
  }

  /**
   * Gives a contributor a new key: the old one stops working at its next request (a leaked key, or
   * a routine change). The contributor's games, shards and rating games stay its own.
   */
  public CreatedContributor rotateContributorKey(String contributor) {
    ContributorId id = new ContributorId(contributor);
    ContributorItem item = existing(id);
    String key = ApiKeys.newKey();
    item.setKeyHash(ApiKeys.sha256(key));
    contributors.update(item);
    LOG.infof("rotated the key of contributor %s", id);
    return new CreatedContributor(id.value(), key);
  }

  /**
   * Disables a network: later uploads of games played with it are rejected, and it is neither
   * handed out nor rated any more.
   */
  public DisabledNetwork disableNetwork(String run, String name) {
    RunId id = new RunId(run);
    NetworkItem item =
        networks
            .get(id.value(), name)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NETWORK_UNKNOWN, "no network '" + name + "' in run " + id));
    item.setEnabled(false);
    networks.update(item);
    LOG.infof("disabled network %s of run %s", name, id);
    return new DisabledNetwork(
        id.value(), item.getName(), NetworkStatus.valueOf(item.getStatus()), false);
  }

  private static RunView runView(RunItem i) {
    return new RunView(
        i.getRun(),
        i.getCurriculum(),
        i.getRules(),
        i.getKomi(),
        i.getGamesPerBatch(),
        i.getSelfPlayVariety() == null ? "none" : i.getSelfPlayVariety(),
        i.getSelfPlaySearch() == null ? "katago" : i.getSelfPlaySearch(),
        i.getState(),
        i.getCurrentNetwork(),
        i.getShards());
  }
}
