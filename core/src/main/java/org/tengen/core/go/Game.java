package org.tengen.core.go;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A game under a set of {@link Rules}: the board, the player to move, the moves played, the
 * positions seen (for superko), passes, resignation and the end of the game.
 *
 * <p>The game ends after two consecutive passes or a resignation. Superko is checked with the
 * 64-bit Zobrist hashes of every earlier position (with the player to move folded in under the
 * situational rule); a single-stone suicide is never legal, since it changes nothing but the turn.
 * {@link #undo()} replays the game from its start without the last move: that keeps {@link Board}
 * free of undo records, and search copies ({@link #copy()}) instead of undoing.
 */
public final class Game {

  /** Folded into the hash under situational superko when black is to move. */
  private static final long BLACK_TO_MOVE = 0x5a17e1c0ffee1234L;

  private final Rules rules;
  private final Board start;
  private final Color firstPlayer;
  private final Board board;
  private final List<Move> moves;
  private final LongHashSet seen;
  private Color toMove;
  private int consecutivePasses;
  private GameResult resignation;

  /** A new game on an empty board, black to move. */
  public Game(int size, Rules rules) {
    this(new Board(size), Color.BLACK, rules);
  }

  /**
   * A new game from a setup position (handicap stones, SGF AB/AW) with the given player to move.
   */
  public Game(Board setup, Color toMove, Rules rules) {
    this.rules = rules;
    this.start = setup.copy();
    this.firstPlayer = toMove;
    this.board = setup.copy();
    this.toMove = toMove;
    this.moves = new ArrayList<>();
    this.seen = rules.koRule() == KoRule.SIMPLE ? null : new LongHashSet(64);
    if (seen != null) {
      seen.add(positionKey(board.hash(), toMove));
    }
  }

  private Game(Game other) {
    rules = other.rules;
    start = other.start;
    firstPlayer = other.firstPlayer;
    board = other.board.copy();
    moves = new ArrayList<>(other.moves);
    seen = other.seen == null ? null : new LongHashSet(other.seen);
    toMove = other.toMove;
    consecutivePasses = other.consecutivePasses;
    resignation = other.resignation;
  }

  /** An independent copy. */
  public Game copy() {
    return new Game(this);
  }

  public Rules rules() {
    return rules;
  }

  /** The current board. Read it; do not play on it (that would bypass history and superko). */
  public Board board() {
    return board;
  }

  public int size() {
    return board.size();
  }

  public Color toMove() {
    return toMove;
  }

  /** The moves played so far, oldest first. */
  public List<Move> moves() {
    return Collections.unmodifiableList(moves);
  }

  public int moveCount() {
    return moves.size();
  }

  /** The position the game started from (empty, or the setup stones). */
  public Board startBoard() {
    return start.copy();
  }

  public Color firstPlayer() {
    return firstPlayer;
  }

  public int consecutivePasses() {
    return consecutivePasses;
  }

  public boolean isOver() {
    return resignation != null || consecutivePasses >= 2;
  }

  /** Whether the game ended by resignation. */
  public boolean isResigned() {
    return resignation != null;
  }

  private long positionKey(long boardHash, Color nextToMove) {
    if (rules.koRule() == KoRule.SITUATIONAL && nextToMove == Color.BLACK) {
      return boardHash ^ BLACK_TO_MOVE;
    }
    return boardHash;
  }

  /** Whether the player to move may play the move now, and if not, why. */
  public Legality legality(Move move) {
    if (isOver()) {
      return Legality.GAME_OVER;
    }
    if (move.isPass()) {
      return Legality.LEGAL;
    }
    if (!move.isOn(board.size())) {
      return Legality.OFF_BOARD;
    }
    return stoneLegality(board.loc(move));
  }

  private Legality stoneLegality(int loc) {
    byte pla = toMove.code();
    if (board.get(loc) != Board.EMPTY) {
      return Legality.OCCUPIED;
    }
    if (loc == board.koLoc()) {
      return Legality.KO;
    }
    if (!board.isLegal(loc, pla, rules.suicideAllowed())) {
      return Legality.SUICIDE;
    }
    if (seen != null && seen.contains(positionKey(board.hashAfter(loc, pla), toMove.opponent()))) {
      return Legality.SUPERKO;
    }
    return Legality.LEGAL;
  }

  /**
   * Whether the player to move may play at a board location (fast path for search and playouts; the
   * game must not be over).
   */
  public boolean isLegal(int loc) {
    return stoneLegality(loc) == Legality.LEGAL;
  }

  /** Plays the move if it is legal; returns the verdict and changes nothing otherwise. */
  public Legality play(Move move) {
    Legality legality = legality(move);
    if (legality == Legality.LEGAL) {
      playAssumeLegal(move.isPass() ? Board.NONE : board.loc(move));
    }
    return legality;
  }

  /** Plays a move that {@link #legality} accepted; {@link Board#NONE} passes. */
  public void playAssumeLegal(int loc) {
    if (loc == Board.NONE) {
      board.pass();
      consecutivePasses++;
      moves.add(Move.PASS);
    } else {
      board.playAssumeLegal(loc, toMove.code());
      consecutivePasses = 0;
      moves.add(board.move(loc));
    }
    toMove = toMove.opponent();
    if (seen != null) {
      seen.add(positionKey(board.hash(), toMove));
    }
  }

  /**
   * Lets play go on after both players passed, as GTP controllers and GUIs may ask (a disputed end,
   * a cleanup phase): the passes stay in the record and the game is no longer over. Changes nothing
   * in a game that is not over or that ended by resignation.
   */
  public void resume() {
    if (resignation == null && consecutivePasses >= 2) {
      consecutivePasses = 0;
    }
  }

  /** The given player resigns; the game is over. */
  public void resign(Color player) {
    if (isOver()) {
      throw new IllegalStateException("the game is already over");
    }
    resignation = GameResult.byResignation(player.opponent());
  }

  /** Takes back the last move (or the resignation). Returns false when there is nothing to undo. */
  public boolean undo() {
    if (resignation != null) {
      resignation = null;
      return true;
    }
    if (moves.isEmpty()) {
      return false;
    }
    List<Move> keep = new ArrayList<>(moves.subList(0, moves.size() - 1));
    board.copyFrom(start);
    moves.clear();
    toMove = firstPlayer;
    consecutivePasses = 0;
    if (seen != null) {
      seen.clear();
      seen.add(positionKey(board.hash(), toMove));
    }
    for (Move m : keep) {
      playAssumeLegal(m.isPass() ? Board.NONE : board.loc(m));
    }
    return true;
  }

  /**
   * The count of the current position under these rules: under {@link Scoring#AREA} with the stones
   * {@link PlayoutDeadStones} judges dead taken off first (deterministic: its playouts are seeded
   * from the position), under {@link Scoring#TROMP_TAYLOR} every stone as it stands.
   */
  public AreaScore score() {
    Board counted =
        rules.scoring() == Scoring.AREA
            ? PlayoutDeadStones.withoutDead(board, toMove, rules)
            : board;
    return AreaScore.count(counted, rules.scoring(), rules.komi());
  }

  /** The result of the finished game. */
  public GameResult result() {
    if (resignation != null) {
      return resignation;
    }
    if (consecutivePasses < 2) {
      throw new IllegalStateException("the game is not over");
    }
    return score().result();
  }
}
