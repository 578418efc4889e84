package org.tengen.worker.gtp;

import java.util.List;

/** One GTP command's behaviour. */
@FunctionalInterface
interface GtpHandler {

  /**
   * Runs the command.
   *
   * @param args the words after the command's name
   * @param out where a streaming command writes its lines; others ignore it
   * @return the answer's text after {@code =} (empty for none); for a streaming command that opened
   *     its answer, its last line (empty for none)
   */
  String run(List<String> args, GtpOutput out) throws GtpError;
}
