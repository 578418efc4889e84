package org.tengen.worker.gtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.network.NetworkName;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * A whole 9x9 game between the worker's {@code gtp} command (a child process, with a network) and
 * GNU Go, refereed through GTP as KGS referees: after two passes both engines are asked for the
 * dead stones ({@code final_status_list dead}); where they disagree, both play on with {@code
 * kgs-genmove_cleanup} until two passes again, and the two engines' counts are compared at the end.
 * The network is a run's first one (zero output layers: no opinion of ownership), so Tengen's dead
 * stones are those Benson's algorithm proves dead.
 */
class GtpVsGnuGoTest {

  private static final Path GNUGO = Path.of("/usr/games/gnugo");

  @Test
  void aGameAgainstGnuGoIsPlayedToTheEndAndBothCountsAgree(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(GNUGO),
        "GNU Go is not installed at /usr/games/gnugo (.ci/run installs Debian's gnugo)");
    Path model = dir.resolve("g-b1c16-s0-d0.bin.gz");
    try (Network net = Network.initial(NetworkName.parse("g-b1c16-s0-d0"), 3, Device.cpu())) {
      NetworkFile.save(net, model);
    }
    Path log = dir.resolve("engines.log");
    List<String> tengen =
        GuiClients.tengenGtp(model, "--visits", "24", "--seed", "11", "--resign-winrate", "0");
    List<String> gnugo =
        List.of(
            GNUGO.toString(),
            "--mode",
            "gtp",
            "--chinese-rules",
            "--capture-all-dead",
            "--level",
            "1",
            "--seed",
            "11");
    List<Move> moves = new ArrayList<>();
    String ours;
    String theirs;
    String dead;
    try (GtpProcess black = new GtpProcess("tengen", tengen, log);
        GtpProcess white = new GtpProcess("gnugo", gnugo, log)) {
      for (GtpProcess e : List.of(black, white)) {
        e.send("boardsize 9");
        e.send("clear_board");
        e.send("komi 7.5");
      }
      assertEquals("2", black.send("protocol_version"));
      play(black, white, "genmove", moves, 600);
      String ourDead = black.send("final_status_list dead");
      String theirDead = white.send("final_status_list dead");
      if (!vertices(ourDead).equals(vertices(theirDead))) {
        System.err.printf("dead stones disputed: tengen [%s], GNU Go [%s]%n", ourDead, theirDead);
        int before = moves.size();
        play(black, white, "kgs-genmove_cleanup", moves, 400);
        assertTrue(moves.size() > before, "the cleanup phase was played");
      }
      ours = black.send("final_score");
      theirs = white.send("final_score");
      dead = white.send("final_status_list dead");
    }
    assertTrue(moves.size() >= 10, "a real game: " + moves.size() + " moves");
    System.err.printf(
        "GNU Go game: %d moves; tengen counts %s, GNU Go %s; GNU Go's dead stones: [%s]%n",
        moves.size(), ours, theirs, dead);
    double gnuMargin = margin(theirs);
    if (dead.isBlank()) {
      assertEquals(gnuMargin, margin(ours), "tengen says " + ours + ", GNU Go says " + theirs);
    } else {
      // GNU Go removes stones it judges dead; counted after the same removal, ours must agree.
      Game game = new Game(9, Rules.chinese());
      for (Move m : moves) {
        game.resume(); // play went on after two passes in the cleanup phase
        assertTrue(game.play(m).isLegal(), "replaying " + m);
      }
      Board played = game.board();
      byte[] stones = new byte[81];
      for (int p = 0; p < 81; p++) {
        byte c = played.get(played.locOfPoint(p));
        stones[p] = (byte) (c == Board.BLACK ? 1 : c == Board.WHITE ? -1 : 0);
      }
      for (String v : dead.split("\\s+")) {
        stones[Move.parseGtp(v, 9).index(9)] = 0;
      }
      Board board = Board.fromStones(stones, 9);
      double recount = AreaScore.count(board, Scoring.TROMP_TAYLOR, 7.5).blackMargin();
      assertEquals(gnuMargin, recount, "GNU Go's dead stones: " + dead + "; tengen says " + ours);
    }
  }

  /** Plays moves with the given generating command until two passes in a row. */
  private static void play(
      GtpProcess black, GtpProcess white, String genmove, List<Move> moves, int limit)
      throws Exception {
    int passes = 0;
    for (int n = 0; passes < 2; n++) {
      assertTrue(n < limit, genmove + ": the game did not end within " + limit + " moves");
      boolean blackMoves = moves.size() % 2 == 0;
      GtpProcess mover = blackMoves ? black : white;
      GtpProcess other = blackMoves ? white : black;
      String color = blackMoves ? "b" : "w";
      String vertex = mover.send(genmove + " " + color);
      assertTrue(!vertex.equalsIgnoreCase("resign"), mover.name() + " resigned");
      other.send("play " + color + " " + vertex);
      moves.add(Move.parseGtp(vertex, 9));
      passes = vertex.equalsIgnoreCase("pass") ? passes + 1 : 0;
    }
  }

  private static java.util.Set<String> vertices(String list) {
    java.util.Set<String> set = new java.util.TreeSet<>();
    for (String v : list.toUpperCase(java.util.Locale.ROOT).split("\\s+")) {
      if (!v.isBlank()) {
        set.add(v);
      }
    }
    return set;
  }

  private static double margin(String score) {
    if (score.equals("0")) {
      return 0;
    }
    double m = Double.parseDouble(score.substring(2));
    return score.startsWith("B+") ? m : -m;
  }
}
