package org.tengen.core.record;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.tengen.core.go.AreaScore;
import org.tengen.core.go.Board;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Legality;
import org.tengen.core.go.Move;
import org.tengen.core.go.PassAlive;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;

/**
 * Checks one uploaded game and reports every reason to reject it. Beyond the seed's checks
 * (position count, valid policies, supported rules) it replays the moves under the declared rules
 * and demands that every board, policy, value, score and ownership target follow from them.
 *
 * <p>Targets of a game ended by two passes must equal what the final position gives: the value is
 * the result from the mover's view, the score the final margin from the mover's view, the ownership
 * the final ownership from the mover's view. A resigned game has no counted final position: its
 * values must still match the result, and its scores must not favour the loser.
 */
public final class GameValidator {

  /** How far a score or ownership target may be from the exact figure (float rounding). */
  static final double TARGET_TOLERANCE = 1e-3;

  private final ValidationLimits limits;
  private final com.fasterxml.jackson.core.JsonFactory json;

  public GameValidator(ValidationLimits limits) {
    this.limits = limits;
    this.json = RecordParser.factory(limits);
  }

  /** Every reason to reject the game; empty when it is accepted. */
  public List<Reason> validate(GameRecord game) {
    Reasons reasons = new Reasons();
    check(game, "", reasons);
    return reasons.list();
  }

  /** Reads a game from JSON bytes and validates it; never throws. */
  public List<Reason> validate(byte[] bytes) {
    Reasons reasons = new Reasons();
    try {
      GameRecord game =
          RecordParser.readGame(new ByteArrayInputStream(bytes), json, limits, reasons);
      if (game != null) {
        check(game, "", reasons);
      }
    } catch (RuntimeException e) {
      reasons.add(RejectionCode.VALIDATOR_ERROR, "", e.toString());
    }
    return reasons.list();
  }

  void check(GameRecord g, String path, Reasons r) {
    String at = path.isEmpty() ? "" : path + ".";
    if (g.version() != GameRecord.VERSION) {
      r.add(
          RejectionCode.VERSION_UNSUPPORTED,
          at + "version",
          "version " + g.version() + " is not " + GameRecord.VERSION);
    }
    Rules rules = null;
    if (g.rules() != null) {
      try {
        rules = Rules.parse(g.rules());
      } catch (IllegalArgumentException e) {
        r.add(RejectionCode.RULES_UNSUPPORTED, at + "rules", e.getMessage());
      }
    }
    boolean komiOk = false;
    try {
      Rules.checkKomi(g.komi());
      komiOk = true;
    } catch (IllegalArgumentException e) {
      r.add(RejectionCode.KOMI_INVALID, at + "komi", e.getMessage());
    }
    int size = g.boardSize();
    boolean sizeOk = limits.boardSizes().contains(size);
    if (!sizeOk) {
      r.add(
          RejectionCode.BOARD_SIZE_UNSUPPORTED,
          at + "board_size",
          "board size " + size + " is not one of " + limits.boardSizes());
    }
    if (g.network() != null && !NetworkName.isValid(g.network())) {
      r.add(
          RejectionCode.NETWORK_NAME_INVALID,
          at + "network",
          "'" + abbreviate(g.network()) + "' is not a network name like kata1-b6c96-s1000-d2000");
    }
    int n = g.positions().size();
    if (n < limits.minPositions()) {
      r.add(
          RejectionCode.POSITIONS_TOO_FEW,
          at + "positions",
          n + " positions, at least " + limits.minPositions() + " needed");
    } else if (n > limits.maxPositions()) {
      r.add(
          RejectionCode.POSITIONS_TOO_MANY,
          at + "positions",
          (n > limits.maxPositions() + 1 ? "" : "more than ")
              + limits.maxPositions()
              + " positions, at most "
              + limits.maxPositions()
              + " allowed");
    }
    if (g.moves().size() != n) {
      r.add(
          RejectionCode.POSITIONS_MOVES_MISMATCH,
          at + "positions",
          n + " positions for " + g.moves().size() + " moves: one position per move is required");
    }
    GameResult declared = null;
    if (g.result() != null) {
      try {
        declared = GameResult.parse(g.result());
        if (declared.decision() == GameResult.Decision.TIME
            || declared.decision() == GameResult.Decision.FORFEIT) {
          r.add(
              RejectionCode.RESULT_INVALID,
              at + "result",
              "self-play games end by count or resignation, not '" + g.result() + "'");
          declared = null;
        }
      } catch (IllegalArgumentException e) {
        r.add(RejectionCode.RESULT_INVALID, at + "result", e.getMessage());
      }
    }
    if (rules == null || !komiOk || !sizeOk) {
      return; // nothing can be replayed without rules, komi and board
    }
    replay(g, rules.withKomi(g.komi()), declared, at, r);
  }

  private void replay(GameRecord g, Rules rules, GameResult declared, String at, Reasons r) {
    int size = g.boardSize();
    Game game = new Game(size, rules);
    List<PositionRecord> positions = g.positions();
    int checked = Math.min(positions.size(), g.moves().size());
    Color[] movers = new Color[checked];
    boolean complete = true;
    for (int i = 0; i < g.moves().size(); i++) {
      if (i < checked) {
        movers[i] = game.toMove();
        checkPosition(positions.get(i), i, game, at + "positions[" + i + "]", r);
      }
      String text = g.moves().get(i);
      Move move;
      try {
        move = Move.parseGtp(text, size);
      } catch (IllegalArgumentException e) {
        r.add(RejectionCode.MOVE_INVALID, at + "moves[" + i + "]", e.getMessage());
        complete = false;
        break;
      }
      Color mover = game.toMove();
      Legality legality = game.play(move);
      if (!legality.isLegal()) {
        r.add(
            RejectionCode.MOVE_ILLEGAL,
            at + "moves[" + i + "]",
            "move " + i + " (" + mover.letter() + " " + text + ") is illegal: " + legality);
        complete = false;
        break;
      }
    }
    if (!complete || declared == null) {
      return;
    }
    AreaScore finalCount = null;
    if (declared.decision() == GameResult.Decision.RESIGNATION) {
      if (game.isOver()) {
        r.add(
            RejectionCode.RESULT_MISMATCH,
            at + "result",
            "the moves end with two passes, so the game was counted, not resigned");
        return;
      }
      String contradiction = resignationContradicted(game, declared.winner().opponent());
      if (contradiction != null) {
        r.add(RejectionCode.RESULT_MISMATCH, at + "result", contradiction);
        return;
      }
    } else {
      if (!game.isOver()) {
        r.add(
            RejectionCode.GAME_NOT_FINISHED,
            at + "moves",
            "a counted game must end with two passes (or be resigned)");
        return;
      }
      finalCount = game.score();
      GameResult actual = finalCount.result();
      if (!actual.equals(declared)) {
        r.add(
            RejectionCode.RESULT_MISMATCH,
            at + "result",
            "declared " + declared + " but the final position counts " + actual);
        return;
      }
    }
    for (int i = 0; i < checked; i++) {
      checkTargets(
          positions.get(i), movers[i], declared, finalCount, at + "positions[" + i + "]", r);
    }
  }

  private void checkPosition(PositionRecord pos, int index, Game game, String at, Reasons r) {
    int size = game.size();
    int points = size * size;
    if (pos.moveNumber() != index) {
      r.add(
          RejectionCode.MOVE_NUMBER_INVALID,
          at + ".move_number",
          "move_number " + pos.moveNumber() + " where " + index + " was expected");
    }
    String board = pos.board();
    if (board != null) {
      if (board.length() != points
          || !board.chars().allMatch(c -> c == '.' || c == 'X' || c == 'O')) {
        r.add(
            RejectionCode.BOARD_INVALID,
            at + ".board",
            "a board is "
                + points
                + " characters of '.', 'X', 'O'; found "
                + board.length()
                + " characters");
      } else if (!board.equals(game.board().toCompactString())) {
        r.add(
            RejectionCode.BOARD_MISMATCH,
            at + ".board",
            "the board differs from the position the moves give before move " + index);
      }
    }
    float[] policy = pos.policy();
    if (policy != null) {
      if (policy.length != points + 1) {
        r.add(
            RejectionCode.POLICY_LENGTH,
            at + ".policy",
            policy.length + " entries, " + (points + 1) + " expected (pass last)");
      } else {
        checkPolicy(policy, game, at, r);
      }
    }
    double v = pos.value();
    if (!(v == 1 || v == 0 || v == -1)) {
      r.add(RejectionCode.VALUE_INVALID, at + ".value", "value " + v + " is not -1, 0 or +1");
    }
    double limit = points + Rules.MAX_KOMI;
    if (!Double.isFinite(pos.score()) || Math.abs(pos.score()) > limit) {
      r.add(
          RejectionCode.SCORE_INVALID,
          at + ".score",
          "score " + pos.score() + " is not a finite margin within ±" + limit);
    }
    float[] own = pos.ownership();
    if (own != null) {
      if (own.length != points) {
        r.add(
            RejectionCode.OWNERSHIP_LENGTH,
            at + ".ownership",
            own.length + " entries, " + points + " expected");
      } else {
        for (int i = 0; i < own.length; i++) {
          if (!(own[i] >= -1 && own[i] <= 1)) {
            r.add(
                RejectionCode.OWNERSHIP_INVALID,
                at + ".ownership[" + i + "]",
                "ownership " + own[i] + " is not within [-1, 1]");
            break;
          }
        }
      }
    }
  }

  private void checkPolicy(float[] policy, Game game, String at, Reasons r) {
    double sum = 0;
    boolean finite = true;
    boolean negative = false;
    for (float p : policy) {
      if (!Float.isFinite(p)) {
        finite = false;
      } else if (p < 0) {
        negative = true;
      }
      sum += p;
    }
    if (!finite) {
      r.add(RejectionCode.POLICY_NOT_FINITE, at + ".policy", "NaN or infinite entries");
      return;
    }
    if (negative) {
      r.add(RejectionCode.POLICY_NEGATIVE, at + ".policy", "negative entries");
    }
    if (Math.abs(sum - 1) > limits.policyTolerance()) {
      r.add(
          RejectionCode.POLICY_NOT_NORMALIZED,
          at + ".policy",
          "entries sum to " + sum + ", not 1 within " + limits.policyTolerance());
    }
    Board board = game.board();
    int points = policy.length - 1;
    for (int i = 0; i < points; i++) {
      if (policy[i] != 0 && !game.isLegal(board.locOfPoint(i))) {
        r.add(
            RejectionCode.POLICY_ON_ILLEGAL_MOVE,
            at + ".policy[" + i + "]",
            "weight "
                + policy[i]
                + " on "
                + Move.ofIndex(i, game.size()).toGtp(game.size())
                + ", an illegal move");
        return;
      }
    }
  }

  private void checkTargets(
      PositionRecord pos,
      Color mover,
      GameResult declared,
      AreaScore finalCount,
      String at,
      Reasons r) {
    int expectedValue = declared.valueFor(mover);
    double v = pos.value();
    if ((v == 1 || v == 0 || v == -1) && v != expectedValue) {
      r.add(
          RejectionCode.VALUE_MISMATCH,
          at + ".value",
          "value " + v + " but " + declared + " gives " + expectedValue + " for " + mover);
    }
    double score = pos.score();
    if (finalCount == null) {
      // No counted final position: the shards carry no score or ownership target for these
      // rows, so an uploader cannot choose one either.
      if (Double.isFinite(score) && score != 0) {
        r.add(
            RejectionCode.SCORE_MISMATCH,
            at + ".score",
            "score " + score + " but a resigned game has no count: its score targets are 0");
      }
      float[] own = pos.ownership();
      if (own != null) {
        for (int i = 0; i < own.length; i++) {
          if (own[i] != 0) {
            r.add(
                RejectionCode.OWNERSHIP_MISMATCH,
                at + ".ownership[" + i + "]",
                "ownership " + own[i] + " but a resigned game has no count: its targets are 0");
            break;
          }
        }
      }
      return;
    }
    double expectedScore = finalCount.blackMargin() * mover.sign();
    if (Double.isFinite(score) && Math.abs(score - expectedScore) > TARGET_TOLERANCE) {
      r.add(
          RejectionCode.SCORE_MISMATCH,
          at + ".score",
          "score " + score + " but the final position gives " + expectedScore + " for " + mover);
    }
    float[] own = pos.ownership();
    int[] finalOwnership = finalCount.ownership();
    if (own != null && own.length == finalOwnership.length) {
      for (int i = 0; i < own.length; i++) {
        double expected = finalOwnership[i] * mover.sign();
        if (Math.abs(own[i] - expected) > TARGET_TOLERANCE) {
          r.add(
              RejectionCode.OWNERSHIP_MISMATCH,
              at + ".ownership[" + i + "]",
              "ownership "
                  + own[i]
                  + " but the final position gives "
                  + expected
                  + " for "
                  + mover);
          break;
        }
      }
    }
  }

  /**
   * Why the position contradicts a resignation by {@code resigner}, or null: the resigner's
   * pass-alive area (Benson: it stays whatever the opponent plays) already wins the count even if
   * the opponent got every other point.
   */
  static String resignationContradicted(Game game, Color resigner) {
    int[] passAlive = PassAlive.ownership(game.board());
    int points = passAlive.length;
    int own = 0;
    for (int v : passAlive) {
      if (v == resigner.sign()) {
        own++;
      }
    }
    double komi = game.rules().komi();
    double worstMargin = 2.0 * own - points - (resigner == Color.BLACK ? komi : -komi);
    if (worstMargin <= 0) {
      return null;
    }
    return resigner
        + " resigned with "
        + own
        + " of "
        + points
        + " points pass-alive: it wins by at least "
        + worstMargin
        + " whatever is played";
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
