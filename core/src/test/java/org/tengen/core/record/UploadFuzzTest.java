package org.tengen.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;

/**
 * The upload path as the backend runs it (gzip, JSON, records, validation with replay) on arbitrary
 * bytes. Whatever comes in, the validator answers Accepted or Rejected with reasons, never throws,
 * never reports its own defect, and accepts only what an independent replay finds valid. In the
 * build it replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class UploadFuzzTest {

  private static final ValidationLimits LIMITS =
      ValidationLimits.defaults().withMaxDocumentBytes(4 << 20);
  private static final BatchValidator VALIDATOR = new BatchValidator(LIMITS);
  private static final Expectations EXPECTED = new Expectations("run1", TestGames.NETWORK);

  /** A valid batch of one 7x7 game, the starting point of the structured target. */
  private static final GameBatch VALID = TestGames.batch(1, 7, 11);

  @FuzzTest(maxDuration = "5m")
  void gzippedBatch(byte[] bytes) {
    check(VALIDATOR.validateGzip(bytes, EXPECTED));
  }

  @FuzzTest(maxDuration = "5m")
  void jsonBatch(byte[] bytes) {
    check(VALIDATOR.validate(bytes, EXPECTED));
  }

  /**
   * One field of a valid batch changed by the fuzzer: the batch must be rejected unless the change
   * keeps it valid by this test's own account (a policy entry moved within tolerance, a value
   * replaced by itself).
   */
  @FuzzTest(maxDuration = "5m")
  void oneFieldChanged(FuzzedDataProvider data) {
    GameRecord game = VALID.games().get(0);
    int index = data.consumeInt(0, game.positions().size() - 1);
    PositionRecord p = game.positions().get(index);
    List<String> moves = new ArrayList<>(game.moves());
    PositionRecord changed = p;
    String result = game.result();
    switch (data.consumeInt(0, 4)) {
      case 0 -> {
        float[] policy = p.policy().clone();
        policy[data.consumeInt(0, policy.length - 1)] = data.consumeFloat();
        changed = new PositionRecord(index, p.board(), policy, p.value(), p.score(), p.ownership());
      }
      case 1 -> {
        char[] board = p.board().toCharArray();
        board[data.consumeInt(0, board.length - 1)] =
            data.pickValue(new Character[] {'.', 'X', 'O'});
        changed =
            new PositionRecord(
                index, new String(board), p.policy(), p.value(), p.score(), p.ownership());
      }
      case 2 ->
          changed =
              new PositionRecord(
                  index, p.board(), p.policy(), data.consumeDouble(), p.score(), p.ownership());
      case 3 -> moves.set(index, data.consumeString(4));
      default -> result = data.consumeString(12);
    }
    GameRecord g =
        new GameRecord(
            game.version(),
            game.rules(),
            game.komi(),
            game.boardSize(),
            game.network(),
            moves,
            result,
            TestGames.withPosition(game, index, changed).positions());
    GameBatch batch = new GameBatch(VALID.version(), VALID.run(), VALID.network(), List.of(g));
    Validation v = VALIDATOR.validate(WireFormat.toJson(batch), EXPECTED);
    check(v);
    assertEquals(
        validByReplay(batch), v instanceof Validation.Accepted, () -> "verdict " + v + " on " + g);
  }

  /** The oracle is not vacuous: it finds the starting batch valid, and a changed value invalid. */
  @org.junit.jupiter.api.Test
  void theReplayOracleAgreesWithTheValidatorOnKnownBatches() {
    assertInstanceOf(Validation.Accepted.class, VALIDATOR.validate(VALID, EXPECTED));
    assertTrue(validByReplay(VALID));
    GameRecord g = VALID.games().get(0);
    PositionRecord p = g.positions().get(3);
    PositionRecord flipped =
        new PositionRecord(3, p.board(), p.policy(), -p.value(), p.score(), p.ownership());
    GameBatch bad =
        new GameBatch(
            VALID.version(),
            VALID.run(),
            VALID.network(),
            List.of(TestGames.withPosition(g, 3, flipped)));
    assertFalse(validByReplay(bad));
    assertInstanceOf(Validation.Rejected.class, VALIDATOR.validate(bad, EXPECTED));
  }

  private static void check(Validation v) {
    if (v instanceof Validation.Rejected rejected) {
      assertFalse(rejected.has(RejectionCode.VALIDATOR_ERROR), () -> "validator defect: " + v);
      for (Reason r : rejected.reasons()) {
        assertFalse(r.message() == null || r.message().isBlank(), "a reason names its cause");
      }
      return;
    }
    GameBatch batch = assertInstanceOf(Validation.Accepted.class, v).batch();
    assertTrue(validByReplay(batch), () -> "accepted but invalid by replay: " + batch);
    Validation again = VALIDATOR.validate(WireFormat.toJson(batch), EXPECTED);
    assertEquals(v, again, "an accepted batch, written back out, is accepted as the same batch");
  }

  /**
   * This test's own account of a valid batch, kept simple rather than fast: the expected run and
   * network, and every game replayed with the rules engine, each position's board, policy and value
   * compared with what the moves and the result give.
   */
  static boolean validByReplay(GameBatch batch) {
    if (batch.version() != GameRecord.VERSION
        || !EXPECTED.run().equals(batch.run())
        || !EXPECTED.network().equals(batch.network())
        || batch.games().isEmpty()
        || batch.games().stream().map(GameRecord::moves).distinct().count()
            != batch.games().size()) {
      return false;
    }
    for (GameRecord g : batch.games()) {
      if (!validByReplay(g)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validByReplay(GameRecord g) {
    int n = g.moves().size();
    if (g.version() != GameRecord.VERSION
        || !EXPECTED.network().equals(g.network())
        || g.positions().size() != n
        || n < LIMITS.minPositions()
        || n > LIMITS.maxPositions()
        || !LIMITS.boardSizes().contains(g.boardSize())) {
      return false;
    }
    GameResult result;
    Game game;
    try {
      result = GameResult.parse(g.result());
      game = new Game(g.boardSize(), Rules.parse(g.rules()).withKomi(g.komi()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    int points = g.boardSize() * g.boardSize();
    List<Color> movers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PositionRecord p = g.positions().get(i);
      if (p.moveNumber() != i
          || !game.board().toCompactString().equals(p.board())
          || p.policy() == null
          || p.policy().length != points + 1
          || !policyValid(p.policy(), game)) {
        return false;
      }
      movers.add(game.toMove());
      try {
        if (!game.play(Move.parseGtp(g.moves().get(i), g.boardSize())).isLegal()) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    boolean counted = result.decision() != GameResult.Decision.RESIGNATION;
    if (counted && (!game.isOver() || !game.score().result().equals(result))) {
      return false;
    }
    if (!counted && game.isOver()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (g.positions().get(i).value() != result.valueFor(movers.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean policyValid(float[] policy, Game game) {
    double sum = 0;
    for (int i = 0; i < policy.length; i++) {
      float w = policy[i];
      if (!(w >= 0) || Float.isInfinite(w)) {
        return false;
      }
      if (w > 0 && i < policy.length - 1 && !game.isLegal(game.board().locOfPoint(i))) {
        return false;
      }
      sum += w;
    }
    return Math.abs(sum - 1) <= LIMITS.policyTolerance();
  }
}
