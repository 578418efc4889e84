package org.tengen.worker.gtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Another GTP engine (GNU Go, Pachi, a second Tengen) as a child process. */
public final class GtpProcess implements GtpPlayer {

  private final String name;
  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  /** Starts the command; its standard error is appended to {@code log}. */
  public GtpProcess(String name, List<String> command, Path log) throws IOException {
    this.name = name;
    this.process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public String name() {
    return name;
  }

  /**
   * Sends one command and returns the text of a success answer ("= text").
   *
   * @throws GtpRefusal on a failure answer ("? text")
   * @throws IOException if the engine has gone
   */
  @Override
  public String send(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    StringBuilder answer = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      if (line.isEmpty() && answer.length() > 0) {
        break;
      }
      if (!line.isEmpty()) {
        answer.append(answer.length() == 0 ? "" : "\n").append(line);
      }
    }
    String a = answer.toString();
    if (a.isEmpty()) {
      throw new IOException(name + " ended without answering '" + command + "'");
    }
    if (!a.startsWith("=")) {
      throw new GtpRefusal(name, command, a);
    }
    return a.substring(1).strip();
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("quit\n");
      in.flush();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
