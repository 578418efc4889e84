package org.tengen.core.api;

/**
 * A function of the API with the types it takes and answers: the typed half of {@link ApiFunction}.
 * The functions declare exactly these types (a test checks each Funqy method against its endpoint),
 * and every client calls through an endpoint, so the two sides cannot drift apart unnoticed.
 */
public record Endpoint<Q, A>(ApiFunction function, Class<Q> request, Class<A> answer) {

  public String path() {
    return function.path();
  }

  @Override
  public String toString() {
    return function.functionName();
  }
}
