package org.tengen.core.record;

/**
 * What the backend expects of an upload from the task it handed out; null fields are not checked.
 *
 * @param run the run the task belongs to
 * @param network the network the task told the worker to play with
 */
public record Expectations(String run, String network) {
  public static final Expectations NONE = new Expectations(null, null);
}
