package org.tengen.worker.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Runs the worker's command line from tests in other packages. */
public final class WorkerCliAccess {

  private WorkerCliAccess() {}

  /** Executes the command line; errors go to {@code err}. Returns the exit code. */
  public static int run(PrintStream err, String... args) {
    return WorkerCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
  }
}
