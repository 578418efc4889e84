package org.tengen.worker.contribute;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the contributor sees: lines on the terminal, the same lines with times in a log file. */
public final class WorkerLog implements AutoCloseable {

  private final PrintStream terminal;
  private final Writer file;

  public WorkerLog(PrintStream terminal, Path file) throws IOException {
    this.terminal = terminal;
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    this.file =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public synchronized void info(String message) {
    terminal.println(message);
    write("INFO ", message);
  }

  public synchronized void warn(String message) {
    terminal.println("warning: " + message);
    write("WARN ", message);
  }

  public synchronized void error(String message) {
    terminal.println("error: " + message);
    write("ERROR", message);
  }

  private void write(String level, String message) {
    try {
      file.write(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + message + "\n");
      file.flush();
    } catch (IOException e) {
      terminal.println("warning: the log file cannot be written: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
