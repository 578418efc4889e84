package org.tengen.core.record;

/**
 * One reason an upload is rejected: a stable code, where in the document ({@code
 * games[3].positions[17].policy}, empty for the document itself) and a message for people.
 */
public record Reason(RejectionCode code, String path, String message) {

  @Override
  public String toString() {
    return code + (path.isEmpty() ? "" : " at " + path) + ": " + message;
  }
}
