package org.tengen.worker.gtp;

/** A command's failure: its message is the text after the {@code ?} of the answer. */
final class GtpError extends Exception {
  GtpError(String message) {
    super(message, null, false, false);
  }
}
