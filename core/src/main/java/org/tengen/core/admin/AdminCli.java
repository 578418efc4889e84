package org.tengen.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tengen.core.api.AdminApi.ContributorRequest;
import org.tengen.core.api.AdminApi.CreateRunRequest;
import org.tengen.core.api.AdminApi.CreatedContributor;
import org.tengen.core.api.AdminApi.NetworkRequest;
import org.tengen.core.api.Endpoint;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.RatingApi.DecideRequest;
import org.tengen.core.api.StatsApi.StatsRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.Backoff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tengen admin}: the operator's functions from a terminal, instead of curl and JSON by hand.
 * The admin key comes from the environment ({@code TENGEN_ADMIN_KEY}) or a file, never from the
 * command line, where other users of the machine could read it.
 */
@Command(
    name = "tengen admin",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = "The operator's functions of a Tengen backend (local or on AWS).",
    subcommands = {
      AdminCli.CreateRun.class,
      AdminCli.CreateContributor.class,
      AdminCli.DisableContributor.class,
      AdminCli.RotateKey.class,
      AdminCli.DisableNetwork.class,
      AdminCli.Decide.class,
      AdminCli.Stats.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "The backend's address: --url, else TENGEN_URL, else http://localhost:8080 (./tengen backend).",
      "The admin key: --key-file FILE, else TENGEN_ADMIN_KEY (./tengen backend prints both)."
    })
public final class AdminCli implements Runnable {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  /** Where the backend is and the key to call it with. */
  static final class Connection {
    @Option(names = "--url", paramLabel = "URL", description = "the backend's base address")
    String url;

    @Option(
        names = "--key-file",
        paramLabel = "FILE",
        description = "a file holding the admin key (else TENGEN_ADMIN_KEY)")
    Path keyFile;

    /** The environment, replaceable in tests. */
    Function<String, String> env = System::getenv;

    BackendClient client() throws IOException {
      String key;
      if (keyFile != null) {
        key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
      } else {
        key = env.apply("TENGEN_ADMIN_KEY");
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            "no admin key: set TENGEN_ADMIN_KEY or give --key-file FILE");
      }
      String base = url != null ? url : env.apply("TENGEN_URL");
      if (base == null || base.isBlank()) {
        base = "http://localhost:8080";
      }
      if (!base.endsWith("/")) {
        base = base + "/";
      }
      URI uri;
      try {
        uri = URI.create(base);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--url '" + base + "' is not an address");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("--url '" + base + "' is not http(s)");
      }
      return BackendClient.builder(uri, key)
          .backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 1))
          .requestTimeout(Duration.ofSeconds(30))
          .build();
    }
  }

  /** A subcommand: one call, its answer printed as JSON. */
  abstract static class Call implements Callable<Integer> {
    @Mixin Connection connection = new Connection();

    @Spec CommandLine.Model.CommandSpec spec;

    abstract Object call(BackendClient client) throws IOException, InterruptedException;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        Object answer = call(connection.client());
        out.println(JSON.writeValueAsString(answer));
        out.flush();
        return 0;
      } catch (BackendClient.Refused e) {
        err.println("tengen admin: refused (" + e.codeName() + "): " + e.getMessage());
        err.flush();
        return 1;
      } catch (BackendClient.Unavailable e) {
        err.println("tengen admin: the backend did not answer: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

    static <Q, A> A once(BackendClient c, Endpoint<Q, A> endpoint, Q request)
        throws IOException, InterruptedException {
      return c.call(endpoint, request, 2);
    }
  }

  @Command(name = "create-run", description = "Creates a run (its settings fixed from then on).")
  static final class CreateRun extends Call {
    @Parameters(paramLabel = "RUN", description = "the run's name: [a-z0-9-], at most 26")
    String run;

    @Option(names = "--curriculum", description = "e.g. *:9:32 (sizes and visits by stage)")
    String curriculum;

    @Option(names = "--rules", description = "chinese, tromp-taylor or new-zealand")
    String rules;

    @Option(names = "--komi")
    Double komi;

    @Option(names = "--games-per-batch")
    Integer gamesPerBatch;

    @Option(names = "--release-policy", description = "seed:…, sprt:… or always:GAMES")
    String releasePolicy;

    @Option(
        names = "--variety",
        description = "none, katago, or five or six numbers (docs/formats.md)")
    String variety;

    @Option(names = "--search", description = "katago, or pairs such as forced=0")
    String search;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      return once(
          c,
          Endpoints.CREATE_RUN,
          new CreateRunRequest(
              run, curriculum, rules, komi, gamesPerBatch, releasePolicy, variety, search));
    }
  }

  @Command(
      name = "create-contributor",
      description = "Creates a contributor and prints its key, which is shown this once.")
  static final class CreateContributor extends Call {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      CreatedContributor created =
          once(c, Endpoints.CREATE_CONTRIBUTOR, new ContributorRequest(name));
      spec.commandLine()
          .getErr()
          .println("the key is shown this once: give it to " + name + " and keep no copy");
      return created;
    }
  }

  @Command(
      name = "disable-contributor",
      description = "Disables a contributor: its key stops working, its data leaves training.")
  static final class DisableContributor extends Call {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      return once(c, Endpoints.DISABLE_CONTRIBUTOR, new ContributorRequest(name));
    }
  }

  @Command(
      name = "rotate-key",
      description =
          "Gives a contributor a new key, printed this once; the old key stops working at once.")
  static final class RotateKey extends Call {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      CreatedContributor rotated =
          once(c, Endpoints.ROTATE_CONTRIBUTOR_KEY, new ContributorRequest(name));
      spec.commandLine()
          .getErr()
          .println("the new key is shown this once: give it to " + name + "; the old one is void");
      return rotated;
    }
  }

  @Command(name = "disable-network", description = "Disables a network: never released again.")
  static final class DisableNetwork extends Call {
    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Parameters(index = "1", paramLabel = "NETWORK")
    String network;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      return once(c, Endpoints.DISABLE_NETWORK, new NetworkRequest(run, network));
    }
  }

  @Command(
      name = "decide",
      description = "Takes the release decision for a candidate from its rating games so far.")
  static final class Decide extends Call {
    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Parameters(index = "1", paramLabel = "CANDIDATE")
    String candidate;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      return once(c, Endpoints.DECIDE_RELEASE, new DecideRequest(run, candidate));
    }
  }

  @Command(name = "stats", description = "A run's figures: games, networks, contributors.")
  static final class Stats extends Call {
    @Parameters(paramLabel = "RUN")
    String run;

    @Override
    Object call(BackendClient c) throws IOException, InterruptedException {
      return once(c, Endpoints.STATS, new StatsRequest(run));
    }
  }

  /** The command line, with errors of the caller's making answered by name (exit 2). */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new AdminCli());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommand() instanceof Call call) {
        call.connection.env = env::get;
      }
    }
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("tengen admin: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }
}
