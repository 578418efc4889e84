package org.tengen.core.api;

import java.util.List;
import org.tengen.core.api.AdminApi.ContributorRequest;
import org.tengen.core.api.AdminApi.ContributorView;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.AdminApi.CreatedContributor;
import org.tengen.core.api.AdminApi.DisabledNetwork;
import org.tengen.core.api.AdminApi.NetworkRequest;
import org.tengen.core.api.AdminApi.RunView;
import org.tengen.core.api.IdentityApi.Identity;
import org.tengen.core.api.IdentityApi.WhoamiRequest;
import org.tengen.core.api.NetworkApi.Exclusions;
import org.tengen.core.api.NetworkApi.NetworkView;
import org.tengen.core.api.NetworkApi.RegisterNetworkRequest;
import org.tengen.core.api.NetworkApi.RunRequest;
import org.tengen.core.api.RatingApi.DecideRequest;
import org.tengen.core.api.RatingApi.Decision;
import org.tengen.core.api.RatingApi.MatchResultRequest;
import org.tengen.core.api.StatsApi.Stats;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.RenewUploadRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskApi.UploadTarget;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;

/** Every {@link ApiFunction} with its request and answer types. */
public final class Endpoints {

  private Endpoints() {}

  public static final Endpoint<NextTaskRequest, Task> NEXT_TASK =
      new Endpoint<>(ApiFunction.NEXT_TASK, NextTaskRequest.class, Task.class);
  public static final Endpoint<RenewUploadRequest, UploadTarget> RENEW_UPLOAD =
      new Endpoint<>(ApiFunction.RENEW_UPLOAD, RenewUploadRequest.class, UploadTarget.class);
  public static final Endpoint<ConfirmUploadRequest, ConfirmResult> CONFIRM_UPLOAD =
      new Endpoint<>(ApiFunction.CONFIRM_UPLOAD, ConfirmUploadRequest.class, ConfirmResult.class);
  public static final Endpoint<MatchResultRequest, Decision> RECORD_MATCH_RESULT =
      new Endpoint<>(ApiFunction.RECORD_MATCH_RESULT, MatchResultRequest.class, Decision.class);
  public static final Endpoint<WhoamiRequest, Identity> WHOAMI =
      new Endpoint<>(ApiFunction.WHOAMI, WhoamiRequest.class, Identity.class);
  public static final Endpoint<StatsRequest, Stats> STATS =
      new Endpoint<>(ApiFunction.STATS, StatsRequest.class, Stats.class);
  public static final Endpoint<RegisterNetworkRequest, NetworkView> REGISTER_NETWORK =
      new Endpoint<>(ApiFunction.REGISTER_NETWORK, RegisterNetworkRequest.class, NetworkView.class);
  public static final Endpoint<RunRequest, Exclusions> TRAINING_EXCLUSIONS =
      new Endpoint<>(ApiFunction.TRAINING_EXCLUSIONS, RunRequest.class, Exclusions.class);
  public static final Endpoint<CreateRunRequest, RunView> CREATE_RUN =
      new Endpoint<>(ApiFunction.CREATE_RUN, CreateRunRequest.class, RunView.class);
  public static final Endpoint<ContributorRequest, CreatedContributor> CREATE_CONTRIBUTOR =
      new Endpoint<>(
          ApiFunction.CREATE_CONTRIBUTOR, ContributorRequest.class, CreatedContributor.class);
  public static final Endpoint<ContributorRequest, ContributorView> DISABLE_CONTRIBUTOR =
      new Endpoint<>(
          ApiFunction.DISABLE_CONTRIBUTOR, ContributorRequest.class, ContributorView.class);
  public static final Endpoint<ContributorRequest, CreatedContributor> ROTATE_CONTRIBUTOR_KEY =
      new Endpoint<>(
          ApiFunction.ROTATE_CONTRIBUTOR_KEY, ContributorRequest.class, CreatedContributor.class);
  public static final Endpoint<NetworkRequest, DisabledNetwork> DISABLE_NETWORK =
      new Endpoint<>(ApiFunction.DISABLE_NETWORK, NetworkRequest.class, DisabledNetwork.class);
  public static final Endpoint<DecideRequest, Decision> DECIDE_RELEASE =
      new Endpoint<>(ApiFunction.DECIDE_RELEASE, DecideRequest.class, Decision.class);

  /** All of them, in {@link ApiFunction}'s order. */
  public static final List<Endpoint<?, ?>> ALL =
      List.of(
          NEXT_TASK,
          RENEW_UPLOAD,
          CONFIRM_UPLOAD,
          RECORD_MATCH_RESULT,
          WHOAMI,
          STATS,
          REGISTER_NETWORK,
          TRAINING_EXCLUSIONS,
          CREATE_RUN,
          CREATE_CONTRIBUTOR,
          DISABLE_CONTRIBUTOR,
          ROTATE_CONTRIBUTOR_KEY,
          DISABLE_NETWORK,
          DECIDE_RELEASE);
}
