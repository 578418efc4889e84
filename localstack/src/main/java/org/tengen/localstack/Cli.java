package org.tengen.localstack;

import picocli.CommandLine;

/**
 * How the local cloud's programs run their picocli commands: an option picocli cannot read, or an
 * IllegalArgumentException from checking one, is answered with its message and exit code 2, never a
 * stack trace.
 */
public final class Cli {

  private Cli() {}

  public static int execute(String name, Object command, String... args) {
    ProgramLogging.quiet();
    return commandLine(name, command).execute(args);
  }

  public static CommandLine commandLine(String name, Object command) {
    return new CommandLine(command)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof IllegalArgumentException) {
                cmd.getErr().println(name + ": " + e.getMessage());
                return 2;
              }
              throw e;
            });
  }

  /**
   * On Ctrl-C (or SIGTERM), closes {@code resources} in order; for programs that serve until they
   * are stopped. The latch opens once they are closed: {@code await} it to serve.
   */
  public static java.util.concurrent.CountDownLatch closeOnStop(
      String name, AutoCloseable... resources) {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AutoCloseable r : resources) {
                    try {
                      r.close();
                    } catch (Exception e) {
                      System.err.println(name + ": stopping: " + e);
                    }
                  }
                  stopped.countDown();
                },
                name + "-stop"));
    return stopped;
  }
}
