package org.tengen.functions.auth;

import io.vertx.ext.web.RoutingContext;
import org.tengen.core.storage.ContributorId;

/** Who is calling: the role their key gave them, and the contributor for contributor keys. */
public record Caller(Role role, ContributorId contributor) {

  /** What a key may do. */
  public enum Role {
    CONTRIBUTOR,
    TRAINER,
    ADMIN
  }

  static final String KEY = "tengen.caller";

  /** The caller the auth filter stored for this request. */
  public static Caller of(RoutingContext ctx) {
    Caller c = ctx.get(KEY);
    if (c == null) {
      throw new IllegalStateException("no authenticated caller: is the auth filter installed?");
    }
    return c;
  }
}
