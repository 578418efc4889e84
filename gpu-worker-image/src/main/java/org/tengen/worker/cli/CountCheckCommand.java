package org.tengen.worker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tengen.worker.diagnose.CountCheck;
import org.tengen.worker.gtp.GtpProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "count-check",
    mixinStandardHelpOptions = true,
    description = {
      "A diagnostic of self-play's value targets: how often the count that decided each game"
          + " names the winner that GNU Go's final_score names for the same final position.",
      "Example: count-check --last 200 DATA/cloud/s3/tengen-local/sgf/local"
    })
final class CountCheckCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "a folder of .sgf files, one game each")
  Path dir;

  @Option(names = "--last", description = "the newest N files (default: ${DEFAULT-VALUE})")
  int last = 200;

  @Option(
      names = "--referee",
      description = "the counting engine's command (default: ${DEFAULT-VALUE})")
  String referee = GnuGo.LEVEL_1;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder of SGF files");
    }
    if (last < 1) {
      throw new IllegalArgumentException("--last must be at least 1");
    }
    List<String> command = WorkerCli.engineCommand(referee, "the referee", "--referee");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all =
          s.filter(p -> p.toString().endsWith(".sgf"))
              .sorted(Comparator.comparingLong(p -> p.toFile().lastModified()))
              .toList();
      files = all.subList(Math.max(0, all.size() - last), all.size());
    }
    CountCheck.Summary s;
    try (GtpProcess engine =
        new GtpProcess("referee", command, Files.createTempFile("count-check", ".log"))) {
      s = CountCheck.check(files, engine);
    }
    System.out.printf(
        Locale.ROOT,
        "%d counted games of the newest %d files: the winner agrees with the referee's in %d under"
            + " the game's rules (mean margin difference %.1f), in %d under Tromp-Taylor (%.1f)%n",
        s.games(),
        files.size(),
        s.rulesAgree(),
        s.rulesMeanDifference(),
        s.trompTaylorAgree(),
        s.trompTaylorMeanDifference());
    return 0;
  }
}
