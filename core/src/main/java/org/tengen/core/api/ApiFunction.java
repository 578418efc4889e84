package org.tengen.core.api;

import java.util.Arrays;
import java.util.List;

/**
 * Every function of the backend's API and the key it takes: the one list the functions' auth
 * filter, the HTTP API's routes (CDK) and the tests share. Each is {@code POST /<name>} with JSON.
 */
public enum ApiFunction {
  NEXT_TASK("nextTask", Caller.CONTRIBUTOR),
  RENEW_UPLOAD("renewUpload", Caller.CONTRIBUTOR),
  CONFIRM_UPLOAD("confirmUpload", Caller.CONTRIBUTOR),
  RECORD_MATCH_RESULT("recordMatchResult", Caller.CONTRIBUTOR),
  WHOAMI("whoami", Caller.CONTRIBUTOR),
  STATS("stats", Caller.CONTRIBUTOR_OR_ADMIN),
  REGISTER_NETWORK("registerNetwork", Caller.TRAINER),
  TRAINING_EXCLUSIONS("trainingExclusions", Caller.TRAINER),
  CREATE_RUN("createRun", Caller.ADMIN),
  CREATE_CONTRIBUTOR("createContributor", Caller.ADMIN),
  DISABLE_CONTRIBUTOR("disableContributor", Caller.ADMIN),
  ROTATE_CONTRIBUTOR_KEY("rotateContributorKey", Caller.ADMIN),
  DISABLE_NETWORK("disableNetwork", Caller.ADMIN),
  DECIDE_RELEASE("decideRelease", Caller.ADMIN);

  /**
   * The header a deployment's edge (the contributor API's CloudFront distribution) adds with its
   * secret to every request it forwards; the functions refuse contributor calls without it.
   */
  public static final String EDGE_HEADER = "X-Tengen-Edge";

  /**
   * The read-only dashboard's static files ({@code GET}, no key: the page holds no data and calls
   * {@code stats} with the key the viewer gives it).
   */
  public static final String DASHBOARD = "/dashboard";

  /** Whose key a function takes. */
  public enum Caller {
    CONTRIBUTOR,
    /** Read-only functions the dashboard calls with the admin key. */
    CONTRIBUTOR_OR_ADMIN,
    TRAINER,
    ADMIN
  }

  private final String functionName;
  private final Caller caller;

  ApiFunction(String functionName, Caller caller) {
    this.functionName = functionName;
    this.caller = caller;
  }

  public String functionName() {
    return functionName;
  }

  public Caller caller() {
    return caller;
  }

  /** The HTTP path, {@code /<name>}. */
  public String path() {
    return "/" + functionName;
  }

  /** The functions a caller kind may call. */
  public static List<ApiFunction> of(Caller caller) {
    return Arrays.stream(values()).filter(f -> f.caller == caller).toList();
  }
}
