package org.tengen.core.api;

/** whoami: lets a worker check its key and configuration before it plays. */
public final class IdentityApi {

  private IdentityApi() {}

  /** whoami's input: nothing, but every function takes a JSON object. */
  public record WhoamiRequest() {}

  /** Who the key belongs to. */
  public record Identity(String contributor) {}
}
