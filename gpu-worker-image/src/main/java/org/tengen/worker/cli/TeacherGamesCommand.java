package org.tengen.worker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tengen.worker.diagnose.TeacherGames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "teacher-games",
    mixinStandardHelpOptions = true,
    description = {
      "A diagnostic: another engine's games against itself as training shards for tengen train,"
          + " to check that a network and the trainer can learn from clean targets. No run reads"
          + " them: a run's networks learn from their own self-play only.",
      "Example: teacher-games --games 1200 --out ml/input/data/train"
    })
final class TeacherGamesCommand implements Callable<Integer> {

  @Option(names = "--engine", description = "the GTP engine's command (default: ${DEFAULT-VALUE})")
  String engine = GnuGo.LEVEL_1 + " --capture-all-dead";

  @Option(names = "--games", description = "(default: ${DEFAULT-VALUE})")
  int games = 1200;

  @Option(
      names = "--random-opening",
      description = "each game opens with 0 to this many random moves (default: ${DEFAULT-VALUE})")
  int randomOpening = 4;

  @Option(names = "--games-per-shard", description = "(default: ${DEFAULT-VALUE})")
  int gamesPerShard = 50;

  @Option(
      names = "--in-flight",
      description = "engines playing at once (default: ${DEFAULT-VALUE})")
  int inFlight = 2;

  @Option(
      names = "--max-moves",
      description = "a game still going then is ended by passes (default: ${DEFAULT-VALUE})")
  int maxMoves = 200;

  @Option(names = "--out", required = true, description = "the folder for games_NNNNN.npz")
  Path out;

  @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
  long seed = 1;

  @CommandLine.Mixin WorkerCli.GameOptions game = new WorkerCli.GameOptions();

  @Override
  public Integer call() throws Exception {
    List<String> command = WorkerCli.engineCommand(engine, "the engine", "--engine");
    TeacherGames.Settings settings =
        new TeacherGames.Settings(
            command,
            games,
            game.size,
            game.parsedRules(),
            randomOpening,
            gamesPerShard,
            inFlight,
            maxMoves,
            seed);
    Files.createDirectories(out);
    long started = System.nanoTime();
    TeacherGames.Summary s =
        TeacherGames.play(
            settings, out, out.resolve("teacher-engine.log"), line -> System.out.println(line));
    System.out.printf(
        Locale.ROOT,
        "%d games, %d positions in %d shards (%d dropped: a move these rules forbid), %.0f s%n",
        s.games(),
        s.positions(),
        s.shards(),
        s.dropped(),
        (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
