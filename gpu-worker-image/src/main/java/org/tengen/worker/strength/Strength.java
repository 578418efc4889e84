package org.tengen.worker.strength;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.tengen.core.go.Color;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.rating.Elo;
import org.tengen.core.rating.EloEstimate;
import org.tengen.core.rating.MatchScore;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.network.eval.Evaluator;
import org.tengen.worker.gtp.GtpEngine;
import org.tengen.worker.gtp.GtpPlayer;
import org.tengen.worker.gtp.GtpProcess;
import org.tengen.worker.gtp.GtpRefusal;
import org.tengen.worker.match.Match;
import org.tengen.worker.search.SearchParams;

/**
 * What a run's networks are worth: each against the run's first network (the rating games the
 * release gate plays) and each against a reference GTP engine, GNU Go by default, played by the
 * worker's own {@link GtpEngine} and refereed by the reference engine's {@code final_score} (which
 * removes dead stones), colours alternating.
 */
public final class Strength {

  /**
   * @param reference the reference engine's command; {@code --seed i} is appended for game i so
   *     that its games differ
   * @param sgf where each game against the reference is kept as SGF, one file per game, with the
   *     reference's score and the stones it took as dead; null keeps none
   */
  public record Settings(
      int size,
      Rules rules,
      int games,
      int visits,
      int inFlight,
      List<String> reference,
      String referenceName,
      Path log,
      Path sgf) {}

  /**
   * One network's results; the first network's {@code vsFirst} is empty. {@code meanMargin} is the
   * network's average final margin in points against the reference (negative: it lost by that
   * much), which still moves while every game is lost. {@code minutes}: when the run made the
   * network, in minutes of its wall-clock time, or null when not known.
   */
  public record Row(
      String network,
      long samples,
      MatchScore vsFirst,
      EloEstimate eloVsFirst,
      MatchScore vsReference,
      EloEstimate eloVsReference,
      double meanMargin,
      Double minutes) {

    public Row withMinutes(Double at) {
      return new Row(
          network, samples, vsFirst, eloVsFirst, vsReference, eloVsReference, meanMargin, at);
    }
  }

  /** The score against the reference and the mean margin in points (network's view). */
  public record ReferenceScore(MatchScore score, double meanMargin) {}

  private final Settings settings;
  private final Consumer<String> progress;

  public Strength(Settings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** The candidate's score against the run's first network (rating settings, no resignation). */
  public MatchScore versusFirst(Evaluator network, Evaluator first, long seed)
      throws InterruptedException {
    return Match.play(
        network,
        first,
        settings.games(),
        settings.size(),
        settings.rules(),
        SearchParams.rating(settings.visits()),
        settings.inFlight(),
        seed);
  }

  /** Makes the player of game {@code game} (seeded with {@code seed}) that is being measured. */
  @FunctionalInterface
  public interface Players {
    GtpPlayer open(int game, long seed) throws IOException;
  }

  /** The network's score against the reference engine over the settings' number of games. */
  public ReferenceScore versusReference(Evaluator network, String name, long seed)
      throws InterruptedException {
    return versusReference(
        (game, gameSeed) ->
            GtpPlayer.of(
                new GtpEngine(() -> network, settings.rules(), settings.visits(), gameSeed)),
        name,
        seed);
  }

  /**
   * Another GTP engine's score against the reference, e.g. GNU Go level 1 against level 10, so that
   * readers can place the reference: {@code command} gets {@code --seed} like the reference.
   */
  public ReferenceScore engineVersusReference(List<String> command, String name, long seed)
      throws InterruptedException {
    return versusReference(
        (game, gameSeed) -> {
          List<String> c = new ArrayList<>(command);
          c.add("--seed");
          c.add(Integer.toString(1_000 + game));
          return new GtpProcess(name, c, settings.log());
        },
        name,
        seed);
  }

  /** The score of the players made by {@code players} against the reference. */
  public ReferenceScore versusReference(Players players, String name, long seed)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.inFlight()));
    try {
      List<Future<Double>> results = new ArrayList<>();
      SplittableRandom seeds = new SplittableRandom(seed);
      for (int i = 0; i < settings.games(); i++) {
        int game = i;
        long gameSeed = seeds.nextLong();
        Color colour = game % 2 == 0 ? Color.BLACK : Color.WHITE;
        results.add(
            pool.submit(
                () -> {
                  try (GtpPlayer ours = players.open(game, gameSeed)) {
                    try {
                      return playReference(ours, colour, game, name, 0);
                    } catch (IOException e) {
                      // GNU Go 3.8 dies now and then (a crash, no answer): one game's engine
                      // dying does not end the measurement; the game is played again from the
                      // start against a fresh process with another seed, once.
                      progress.accept(
                          String.format(
                              Locale.ROOT,
                              "  game %d of %s against %s failed (%s): played again with a new"
                                  + " %s process",
                              game + 1,
                              name,
                              settings.referenceName(),
                              e.getMessage(),
                              settings.referenceName()));
                      return playReference(ours, colour, game, name, 1);
                    }
                  }
                }));
      }
      MatchScore score = MatchScore.NONE;
      double margins = 0;
      int done = 0;
      for (Future<Double> f : results) {
        try {
          double margin = f.get();
          margins += margin;
          score = score.plus(margin > 0 ? 1 : margin < 0 ? -1 : 0);
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "a game against " + settings.referenceName() + " failed: " + e.getCause(),
              e.getCause());
        }
        done++;
        if (done % 10 == 0 || done == settings.games()) {
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "  %s vs %s: %d/%d games, %d wins",
                  name,
                  settings.referenceName(),
                  done,
                  settings.games(),
                  score.wins()));
        }
      }
      return new ReferenceScore(score, margins / settings.games());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A replayed game's reference gets its seed moved by this, so that it plays another game. */
  static final int RETRY_SEED_OFFSET = 100_000;

  /**
   * One game of {@code ours}, playing {@code colour}, against a new reference process (seeded by
   * the game and the attempt); our final margin in points (positive: we won). A resignation counts
   * as a loss by the whole board.
   */
  double playReference(GtpPlayer ours, Color colour, int game, String name, int attempt)
      throws IOException {
    List<String> command = new ArrayList<>(settings.reference());
    command.add("--seed");
    command.add(Integer.toString(game + 1 + RETRY_SEED_OFFSET * attempt));
    try (GtpProcess reference = new GtpProcess(settings.referenceName(), command, settings.log())) {
      String komi = Double.toString(settings.rules().komi());
      for (String c : List.of("boardsize " + settings.size(), "clear_board", "komi " + komi)) {
        ours.send(c);
        reference.send(c);
      }
      int cap = 3 * settings.size() * settings.size();
      List<SgfGame.SgfMove> moves = new ArrayList<>();
      int passes = 0;
      Color toMove = Color.BLACK;
      for (int n = 0; passes < 2; n++) {
        String color = toMove == Color.BLACK ? "b" : "w";
        String vertex;
        if (n >= cap) {
          vertex = "pass";
        } else if (toMove == colour) {
          vertex = ours.send("genmove " + color);
        } else {
          vertex = reference.send("genmove " + color);
        }
        if (vertex.equalsIgnoreCase("resign")) {
          return lostByTheBoard(moves, name, colour, game, toMove, "R");
        }
        moves.add(new SgfGame.SgfMove(toMove, Move.parseGtp(vertex, settings.size())));
        try {
          if (toMove == colour || n >= cap) {
            reference.send("play " + color + " " + vertex);
          }
          if (toMove != colour || n >= cap) {
            ours.send("play " + color + " " + vertex);
          }
        } catch (GtpRefusal refused) {
          if (!refused.illegalMove()) {
            throw refused;
          }
          return forfeit(moves, name, colour, game, toMove, vertex, refused);
        }
        passes = vertex.equalsIgnoreCase("pass") ? passes + 1 : 0;
        toMove = toMove.opponent();
      }
      String score = reference.send("final_score");
      double blackMargin = margin(score);
      if (settings.sgf() != null) {
        String dead = reference.send("final_status_list dead").replace('\n', ' ');
        keepSgf(moves, name, colour, game, score, dead);
      }
      return colour == Color.BLACK ? blackMargin : -blackMargin;
    }
  }

  /**
   * The end of a game whose last move the other side refused as illegal under the agreed rules: the
   * side that played it loses by forfeit, by the whole board, as tournaments count an illegal move.
   * Both sides should play by the same rules (GNU Go checks positional superko, as Tengen's Chinese
   * rules do, only with {@code --positional-superko}), so a forfeit is reported, and the game kept
   * as SGF ({@code RE[B+F]} or {@code RE[W+F]}) for a look at the position.
   */
  private double forfeit(
      List<SgfGame.SgfMove> moves,
      String name,
      Color colour,
      int game,
      Color mover,
      String vertex,
      GtpRefusal refused)
      throws IOException {
    String player = mover == colour ? name : settings.referenceName();
    progress.accept(
        String.format(
            Locale.ROOT,
            "  game %d: %s's move %s %s was refused (%s); %s loses by forfeit",
            game + 1,
            player,
            mover == Color.BLACK ? "B" : "W",
            vertex,
            refused.getMessage(),
            player));
    return lostByTheBoard(moves, name, colour, game, mover, "F");
  }

  /**
   * A game that {@code loser} lost without a count (resigned, {@code R}, or forfeited, {@code F}):
   * kept as SGF with that result, and our margin is the whole board, lost or won.
   */
  private double lostByTheBoard(
      List<SgfGame.SgfMove> moves, String name, Color colour, int game, Color loser, String how)
      throws IOException {
    keepSgf(moves, name, colour, game, (loser == Color.BLACK ? "W" : "B") + "+" + how, "");
    double board = settings.size() * settings.size();
    return loser == colour ? -board : board;
  }

  /**
   * Writes a game as {@code <name>-<game>-<colour>.sgf} (the name made safe for files): the moves,
   * the result, and in the root's comment the stones the reference took as dead.
   */
  private void keepSgf(
      List<SgfGame.SgfMove> moves, String name, Color colour, int game, String result, String dead)
      throws IOException {
    if (settings.sgf() == null) {
      return;
    }
    String reference = settings.referenceName();
    SgfGame sgf =
        new SgfGame(
            settings.size(),
            settings.rules().komi(),
            settings.rules().name(),
            result,
            colour == Color.BLACK ? name : reference,
            colour == Color.BLACK ? reference : name,
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
            dead.isBlank()
                ? reference + " scored it " + result
                : reference + " scored it " + result + " with these stones dead: " + dead.strip(),
            0,
            List.of(),
            List.of(),
            Color.BLACK,
            moves);
    java.nio.file.Files.createDirectories(settings.sgf());
    String file =
        String.format(
            Locale.ROOT,
            "%s-%03d-%s.sgf",
            name.replaceAll("[^A-Za-z0-9._-]", "_"),
            game + 1,
            colour == Color.BLACK ? "black" : "white");
    java.nio.file.Files.writeString(settings.sgf().resolve(file), SgfWriter.write(sgf));
  }

  /** Black's margin from a GTP score such as {@code B+3.5}, {@code W+0.5} or {@code 0}. */
  static double margin(String score) {
    String s = score.strip();
    if (s.equals("0")) {
      return 0;
    }
    if (!s.matches("[BW]\\+\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException("not a GTP score: '" + score + "'");
    }
    double m = Double.parseDouble(s.substring(2));
    return s.charAt(0) == 'B' ? m : -m;
  }

  /** The row of a network with both scores. */
  public static Row row(
      String network, long samples, MatchScore vsFirst, ReferenceScore vsReference) {
    return new Row(
        network,
        samples,
        vsFirst,
        vsFirst == null ? null : Elo.estimate(vsFirst),
        vsReference.score(),
        Elo.estimate(vsReference.score()),
        vsReference.meanMargin(),
        null);
  }
}
