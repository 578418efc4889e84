package org.tengen.worker.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.tengen.worker.contribute.ContributeConfig;
import org.tengen.worker.contribute.Contributor;
import org.tengen.worker.contribute.WorkerLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contribute -config contribute.cfg}: the worker a contributor runs. */
@Command(
    name = "contribute",
    mixinStandardHelpOptions = true,
    description = {
      "Plays self-play and rating games for a Tengen run and uploads them, until stopped.",
      "Type pause, resume, status or quit; SIGTERM stops cleanly. The contributor key comes from",
      "TENGEN_CONTRIBUTOR_KEY (or contributorKey in the config file)."
    })
final class ContributeCommand implements Callable<Integer> {

  @Option(
      names = {"-config", "--config"},
      required = true,
      description =
          "the config file (key = value lines), or env:NAME to read the lines from an environment"
              + " variable (a container fleet's job definition)")
  String config;

  @Option(names = "--drain", description = "only upload what the local queue holds, then exit")
  boolean drain;

  @Option(names = "--no-stdin", description = "do not read pause/resume/quit from standard input")
  boolean noStdin;

  @Override
  public Integer call() throws Exception {
    ContributeConfig c;
    try {
      if (config.startsWith("env:")) {
        String name = config.substring(4);
        String text = System.getenv(name);
        if (text == null || text.isBlank()) {
          throw new ContributeConfig.Invalid("the environment variable " + name + " is not set");
        }
        c = ContributeConfig.parse(text, name, System.getenv());
      } else {
        c = ContributeConfig.load(Path.of(config), System.getenv());
      }
    } catch (ContributeConfig.Invalid e) {
      System.err.println("tengen-worker contribute: " + e.getMessage());
      return 2;
    }
    WorkerLog log = new WorkerLog(System.err, c.dataDir().resolve("worker.log"));
    try {
      log.info("device: " + org.tengen.network.device.DeviceChoice.of(c.device()));
    } catch (IllegalArgumentException e) {
      System.err.println("tengen-worker contribute: " + e.getMessage());
      return 2;
    }
    Contributor contributor = new Contributor(c, log, WorkerCli::load);
    Thread hook =
        new Thread(
            () -> {
              contributor.stop("signal");
              try {
                if (!contributor.awaitFinished(Duration.ofSeconds(25))) {
                  log.warn("did not finish within 25 s; finished games stay queued on disk");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (!noStdin) {
      contributor.listen(System.in);
    }
    int code = contributor.run(drain);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running
    }
    log.close();
    return code;
  }
}
