package org.tengen.worker.gtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tengen.core.go.Board;
import org.tengen.core.go.Rules;
import org.tengen.network.eval.Evaluator;

/**
 * The Go Text Protocol, version 2, over a network and the search: what every Go GUI and referee
 * speaks, with the extensions GUIs use (Leela Zero's and KataGo's analysis, KGS's cleanup and
 * rules, handicap, SGF). One command per line; answers are {@code =[id] result} or {@code ?[id]
 * message}, each followed by a blank line. An analysis command streams lines after its {@code =}
 * until the next command arrives, then ends its answer with the blank line.
 */
public final class GtpEngine {

  private final GtpSession session;
  private final Map<String, GtpHandler> commands = new LinkedHashMap<>();
  private boolean quit;

  public GtpEngine(Supplier<Evaluator> evaluator, Rules rules, GtpSettings settings) {
    this.session = new GtpSession(evaluator, rules, settings);
    commands.put("protocol_version", (a, o) -> "2");
    commands.put("name", (a, o) -> "Tengen");
    commands.put("version", (a, o) -> "0.1.0");
    commands.put("known_command", (a, o) -> knownCommand(a));
    commands.put("list_commands", (a, o) -> String.join("\n", commands.keySet()));
    commands.put(
        "quit",
        (a, o) -> {
          quit = true;
          return "";
        });
    GameCommands.register(commands, session);
    MoveCommands moves = MoveCommands.register(commands, session);
    AnalysisCommands.register(commands, session, moves);
  }

  /** An engine that plays every game out at {@code maxVisits} (no resignation). */
  public GtpEngine(Supplier<Evaluator> evaluator, Rules rules, int maxVisits, long seed) {
    this(evaluator, rules, GtpSettings.playingOut(maxVisits, seed));
  }

  /** The commands this engine knows, in the order list_commands gives them. */
  public List<String> commands() {
    return List.copyOf(commands.keySet());
  }

  public boolean quitRequested() {
    return quit;
  }

  private String knownCommand(List<String> args) throws GtpError {
    GtpArgs.need(args, 1);
    return commands.containsKey(args.get(0).toLowerCase(Locale.ROOT)) ? "true" : "false";
  }

  /**
   * Reads commands until quit or the end of input. A reader thread queues the input lines, so that
   * an analysis command sees the next command arrive while it searches.
   */
  public void run(BufferedReader in, PrintStream out) throws IOException {
    BlockingDeque<Optional<String>> lines = new LinkedBlockingDeque<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String l; (l = in.readLine()) != null; ) {
                  lines.add(Optional.of(l));
                }
              } catch (IOException e) {
                // The controller went away: treated as the end of input.
              }
              lines.add(Optional.empty());
            },
            "gtp-input");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!quit) {
        Optional<String> line = lines.take();
        if (line.isEmpty()) {
          return;
        }
        handle(line.get(), new StreamOutput(out, lines));
        out.flush();
        if (out.checkError()) {
          throw new UncheckedIOException(new IOException("the controller's output is closed"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The full answer to one input line (null for an empty or comment line). An analysis command run
   * this way searches up to the settings' analysis visits and writes one line.
   */
  public String handle(String raw) {
    StringBuilder text = new StringBuilder();
    BufferOutput buffer = new BufferOutput(text);
    handle(raw, buffer);
    return text.length() == 0 ? null : text.toString();
  }

  private void handle(String raw, AnswerOutput out) {
    String line = clean(raw);
    if (line.isEmpty()) {
      return;
    }
    String[] words = line.split("\\s+");
    String id = "";
    int first = 0;
    if (words[0].matches("\\d+")) {
      id = words[0];
      first = 1;
    }
    out.begin(id);
    if (first >= words.length) {
      out.fail("no command");
      return;
    }
    String name = words[first].toLowerCase(Locale.ROOT);
    List<String> args = List.of(words).subList(first + 1, words.length);
    GtpHandler command = commands.get(name);
    try {
      if (command == null) {
        throw new GtpError("unknown command");
      }
      out.succeed(command.run(args, out));
    } catch (GtpError e) {
      out.fail(e.getMessage());
    } catch (RuntimeException e) {
      out.fail("internal error: " + e);
    }
  }

  /** The line without comments and control characters, tabs as spaces (GTP's preprocessing). */
  private static String clean(String raw) {
    StringBuilder clean = new StringBuilder();
    for (char c : raw.toCharArray()) {
      if (c == '#') {
        break;
      }
      if (c == '\t') {
        clean.append(' ');
      } else if (c >= 32 && c != 127) {
        clean.append(c);
      }
    }
    return clean.toString().strip();
  }

  /** For tests: the board as it stands. */
  Board board() {
    return session.game().board();
  }

  /** An answer being written: the {@code =} or {@code ?} line, streamed lines, the blank line. */
  private abstract static class AnswerOutput implements GtpOutput {
    private String id;
    private boolean opened;

    void begin(String commandId) {
      id = commandId;
      opened = false;
    }

    abstract void write(String text);

    @Override
    public void open() {
      if (!opened) {
        opened = true;
        write("=" + id + "\n");
      }
    }

    @Override
    public void line(String text) {
      open();
      write(text + "\n");
    }

    void succeed(String result) {
      if (opened) {
        write(result.isEmpty() ? "\n" : result + "\n\n");
      } else {
        write("=" + id + (result.isEmpty() ? "" : " " + result) + "\n\n");
      }
    }

    void fail(String message) {
      if (opened) {
        write("\n"); // the streamed answer ends; its failure cannot be sent any more
      } else {
        write("?" + id + " " + message + "\n\n");
      }
    }
  }

  /** The answer to a line given to {@link #handle(String)}: no further input will come. */
  private static final class BufferOutput extends AnswerOutput {
    private final StringBuilder text;

    BufferOutput(StringBuilder text) {
      this.text = text;
    }

    @Override
    void write(String s) {
      text.append(s);
    }

    @Override
    public boolean interrupted() {
      return false;
    }

    @Override
    public boolean awaitInterrupt(long millis) {
      return true;
    }
  }

  /** The answer written to the controller as it comes; the next input line interrupts. */
  private static final class StreamOutput extends AnswerOutput {
    private final PrintStream out;
    private final BlockingDeque<Optional<String>> input;

    StreamOutput(PrintStream out, BlockingDeque<Optional<String>> input) {
      this.out = out;
      this.input = input;
    }

    @Override
    void write(String s) {
      out.print(s);
      out.flush();
    }

    @Override
    public boolean interrupted() {
      return !input.isEmpty();
    }

    @Override
    public boolean awaitInterrupt(long millis) {
      try {
        Optional<String> next = input.poll(millis, TimeUnit.MILLISECONDS);
        if (next != null) {
          input.addFirst(next); // back at the head: handled next, in order
          return true;
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
  }
}
