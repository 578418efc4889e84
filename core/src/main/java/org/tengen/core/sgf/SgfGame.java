package org.tengen.core.sgf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;

/**
 * The main line of an SGF game: what Tengen reads and writes.
 *
 * @param boardSize SZ (19 when absent)
 * @param komi KM (0 when absent, as FF[4] says)
 * @param rules RU as written, or null
 * @param result RE as written (e.g. {@code B+R}, {@code W+3.5}, {@code Void}), or null
 * @param blackPlayer PB, or null
 * @param whitePlayer PW, or null
 * @param date DT, or null
 * @param comment the root node's C or GC, or null
 * @param handicap HA (0 when absent)
 * @param blackSetup AB points
 * @param whiteSetup AW points
 * @param firstPlayer PL, or the colour of the first move, or black
 * @param moves the main line's moves in order
 */
public record SgfGame(
    int boardSize,
    double komi,
    String rules,
    String result,
    String blackPlayer,
    String whitePlayer,
    String date,
    String comment,
    int handicap,
    List<Move> blackSetup,
    List<Move> whiteSetup,
    Color firstPlayer,
    List<SgfMove> moves) {

  /** One move of the main line, with the comment of its node. */
  public record SgfMove(Color color, Move move, String comment) {
    public SgfMove(Color color, Move move) {
      this(color, move, null);
    }
  }

  public SgfGame {
    blackSetup = List.copyOf(blackSetup);
    whiteSetup = List.copyOf(whiteSetup);
    moves = List.copyOf(moves);
    if (boardSize < Board.MIN_SIZE || boardSize > Board.MAX_SIZE) {
      throw new IllegalArgumentException(
          "board size " + boardSize + " is outside " + Board.MIN_SIZE + ".." + Board.MAX_SIZE);
    }
  }

  /** The game as a record of a finished {@link Game}: moves, rules, result, no players. */
  public static SgfGame of(Game game) {
    List<Move> black = new ArrayList<>();
    List<Move> white = new ArrayList<>();
    Board start = game.startBoard();
    for (int y = 0; y < start.size(); y++) {
      for (int x = 0; x < start.size(); x++) {
        byte c = start.get(x, y);
        if (c == Board.BLACK) {
          black.add(Move.of(x, y));
        } else if (c == Board.WHITE) {
          white.add(Move.of(x, y));
        }
      }
    }
    List<SgfMove> moves = new ArrayList<>();
    Color color = game.firstPlayer();
    for (Move m : game.moves()) {
      moves.add(new SgfMove(color, m));
      color = color.opponent();
    }
    String result = game.isOver() ? game.result().toString() : null;
    return new SgfGame(
        game.size(),
        game.rules().komi(),
        game.rules().name(),
        result,
        null,
        null,
        null,
        null,
        0,
        black,
        white,
        game.firstPlayer(),
        moves);
  }

  /**
   * The SGF of an uploaded game record (its moves replayed under its rules), with the network as
   * both players' name.
   *
   * @throws IllegalArgumentException if the record's rules or moves are not valid
   */
  public static SgfGame of(org.tengen.core.record.GameRecord record) {
    Rules rules = Rules.parse(record.rules()).withKomi(record.komi());
    Game game = new Game(record.boardSize(), rules);
    for (String m : record.moves()) {
      Legality legality = game.play(Move.parseGtp(m, record.boardSize()));
      if (!legality.isLegal()) {
        throw new IllegalArgumentException("move " + m + " is illegal: " + legality);
      }
    }
    SgfGame sgf = of(game);
    return new SgfGame(
        sgf.boardSize(),
        sgf.komi(),
        sgf.rules(),
        record.result(),
        record.network(),
        record.network(),
        null,
        null,
        0,
        sgf.blackSetup(),
        sgf.whiteSetup(),
        sgf.firstPlayer(),
        sgf.moves());
  }

  /** RE as a {@link GameResult}, when it is one Tengen understands. */
  public Optional<GameResult> parsedResult() {
    if (result == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(GameResult.parse(result));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The setup position (AB/AW). */
  public Board setupBoard() {
    Board board = new Board(boardSize);
    for (Move m : blackSetup) {
      board.setStone(board.loc(m), Board.BLACK);
    }
    for (Move m : whiteSetup) {
      board.setStone(board.loc(m), Board.WHITE);
    }
    return board;
  }

  /**
   * Replays the main line under the given rules (the komi of this record replaces theirs).
   *
   * @throws IllegalArgumentException naming the first move that is out of turn or illegal
   */
  public Game replay(Rules rulesToUse) {
    Game game = new Game(setupBoard(), firstPlayer, rulesToUse.withKomi(komi));
    for (int i = 0; i < moves.size(); i++) {
      SgfMove m = moves.get(i);
      if (m.color() != game.toMove()) {
        throw new IllegalArgumentException(
            "move " + (i + 1) + " is by " + m.color() + " but " + game.toMove() + " is to move");
      }
      Legality legality = game.play(m.move());
      if (!legality.isLegal()) {
        throw new IllegalArgumentException(
            "move "
                + (i + 1)
                + " ("
                + m.color().letter()
                + " "
                + m.move().toGtp(boardSize)
                + ") is illegal: "
                + legality);
      }
    }
    return game;
  }

  /** Replays under the rules named by RU (see {@link Rules#parse}). */
  public Game replay() {
    return replay(Rules.parse(rules == null ? "chinese" : rules));
  }
}
