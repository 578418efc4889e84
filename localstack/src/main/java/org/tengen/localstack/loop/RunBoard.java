package org.tengen.localstack.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.tengen.core.curriculum.Curriculum;

/**
 * The board a local run plays on, kept beside its data ({@code DIR/run.properties}) when the run is
 * created, so that {@code tengen strength --data DIR} measures a 13x13 run's networks on 13x13
 * without being told. Under a curriculum of several stages it is the last stage's own board, the
 * one the run ends on.
 */
final class RunBoard {

  static final String FILE = "run.properties";

  private RunBoard() {}

  /** The board of a curriculum's last stage. */
  static int of(String curriculum) {
    List<Curriculum.Stage> stages = Curriculum.parse(curriculum).stages();
    return stages.get(stages.size() - 1).boardSize();
  }

  static void write(Path dir, String curriculum) throws IOException {
    Properties p = new Properties();
    p.setProperty("curriculum", curriculum);
    p.setProperty("board", Integer.toString(of(curriculum)));
    Path tmp = dir.resolve(FILE + ".tmp");
    try (var out = Files.newOutputStream(tmp)) {
      p.store(out, "the local run's board, written when the run was created");
    }
    Files.move(
        tmp,
        dir.resolve(FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The board written for the run in {@code dir}; empty for a folder made before the file was. */
  static OptionalInt read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return OptionalInt.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    }
    String board = p.getProperty("board", "");
    try {
      return OptionalInt.of(Integer.parseInt(board.strip()));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": board is '" + board + "', not a board size");
    }
  }

  /**
   * The worker options with {@code --size} added for {@code board}, unless they already name a size
   * (the user's choice wins).
   */
  static List<String> withSize(List<String> workerOptions, OptionalInt board) {
    boolean named =
        workerOptions.stream().anyMatch(o -> o.equals("--size") || o.startsWith("--size="));
    if (named || board.isEmpty()) {
      return workerOptions;
    }
    List<String> out = new java.util.ArrayList<>(workerOptions);
    out.add("--size");
    out.add(Integer.toString(board.getAsInt()));
    return List.copyOf(out);
  }
}
