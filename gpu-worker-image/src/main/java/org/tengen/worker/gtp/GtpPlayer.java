package org.tengen.worker.gtp;

import java.io.IOException;

/**
 * One side of a refereed game spoken in GTP: a child process such as GNU Go, or Tengen's own engine
 * in this process.
 */
public interface GtpPlayer extends AutoCloseable {

  /**
   * Sends one command and returns the text of its success answer, without the leading "=".
   *
   * @throws GtpRefusal on a failure answer
   * @throws IOException when the player has gone
   */
  String send(String command) throws IOException;

  @Override
  void close() throws IOException;

  /** Tengen's engine as a player; closing it does nothing (its network belongs to the caller). */
  static GtpPlayer of(GtpEngine engine) {
    return new GtpPlayer() {
      @Override
      public String send(String command) throws IOException {
        String answer = engine.handle(command).strip();
        if (!answer.startsWith("=")) {
          throw new GtpRefusal("tengen", command, answer);
        }
        return answer.substring(1).strip();
      }

      @Override
      public void close() {}
    };
  }
}
