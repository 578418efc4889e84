package org.tengen.worker.gtp;

/**
 * Where a command that streams (the analysis commands) writes as it runs, and how it learns that
 * the controller has sent the next command, which ends it.
 */
interface GtpOutput {

  /** Starts the success answer ({@code =id} on its own line); once, before the first line. */
  void open();

  /** One line of the answer, written and flushed at once. */
  void line(String text);

  /** Whether the next command has arrived (or the input has ended): a streaming command stops. */
  boolean interrupted();

  /** Waits up to {@code millis} for the next command; true when it has arrived. */
  boolean awaitInterrupt(long millis);
}
