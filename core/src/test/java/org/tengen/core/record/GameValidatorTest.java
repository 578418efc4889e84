package org.tengen.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class GameValidatorTest {

  private final GameValidator validator = new GameValidator(ValidationLimits.defaults());
  private final GameRecord valid = TestGames.game(9, 42);

  private Set<RejectionCode> codes(GameRecord g) {
    Set<RejectionCode> codes = EnumSet.noneOf(RejectionCode.class);
    validator.validate(g).forEach(r -> codes.add(r.code()));
    return codes;
  }

  private GameRecord header(String rules, double komi, int size, String network, String result) {
    return new GameRecord(
        valid.version(), rules, komi, size, network, valid.moves(), result, valid.positions());
  }

  private GameRecord position(int index, UnaryOperator<PositionRecord> change) {
    return TestGames.withPosition(valid, index, change.apply(valid.positions().get(index)));
  }

  @Test
  void aResignationThePositionContradictsIsRefused() {
    GameRecord byLoser = TestGames.resigned(9, 7, false);
    assertEquals(List.of(), validator.validate(byLoser), "the loser may resign");
    GameRecord byWinner = TestGames.resigned(9, 7, true);
    List<Reason> reasons = validator.validate(byWinner);
    assertEquals(Set.of(RejectionCode.RESULT_MISMATCH), codes(byWinner), reasons.toString());
    assertTrue(reasons.get(0).message().contains("pass-alive"), reasons.toString());
  }

  @Test
  void aResignedGameCarriesNoScoreOrOwnershipTargets() {
    GameRecord resigned = TestGames.resigned(9, 7, false);
    assertEquals(List.of(), validator.validate(resigned));
    GameRecord scored =
        TestGames.withPosition(
            resigned,
            4,
            new PositionRecord(
                resigned.positions().get(4).moveNumber(),
                resigned.positions().get(4).board(),
                resigned.positions().get(4).policy(),
                resigned.positions().get(4).value(),
                resigned.positions().get(4).value() * 12.5,
                resigned.positions().get(4).ownership()));
    assertEquals(Set.of(RejectionCode.SCORE_MISMATCH), codes(scored), "even for the winner");
    float[] own = new float[81];
    own[40] = (float) resigned.positions().get(4).value();
    GameRecord owned =
        TestGames.withPosition(
            resigned,
            4,
            new PositionRecord(
                resigned.positions().get(4).moveNumber(),
                resigned.positions().get(4).board(),
                resigned.positions().get(4).policy(),
                resigned.positions().get(4).value(),
                0,
                own));
    assertEquals(Set.of(RejectionCode.OWNERSHIP_MISMATCH), codes(owned));
  }

  @Test
  void theValidGameIsAccepted() {
    assertEquals(List.of(), validator.validate(valid));
    assertTrue(valid.positions().size() > 20, "a random 9x9 game is long enough to test with");
  }

  @Test
  void seedChecks() {
    GameRecord shortGame = TestGames.game(9, 42);
    List<PositionRecord> ten = shortGame.positions().subList(0, 10);
    GameRecord tenPositions =
        new GameRecord(
            1,
            "chinese",
            7.5,
            9,
            TestGames.NETWORK,
            shortGame.moves().subList(0, 10),
            shortGame.result(),
            ten);
    assertTrue(codes(tenPositions).contains(RejectionCode.POSITIONS_TOO_FEW));
    GameValidator strict = new GameValidator(ValidationLimits.defaults().withPositions(11, 20));
    assertTrue(
        strict.validate(valid).stream()
            .anyMatch(r -> r.code() == RejectionCode.POSITIONS_TOO_MANY));
    assertEquals(
        Set.of(RejectionCode.RULES_UNSUPPORTED),
        codes(header("japanese", 7.5, 9, TestGames.NETWORK, valid.result())));
    assertEquals(
        Set.of(RejectionCode.RULES_UNSUPPORTED),
        codes(header("aga", 7.5, 9, TestGames.NETWORK, valid.result())));
    assertEquals(
        Set.of(RejectionCode.RULES_UNSUPPORTED),
        codes(header("bogus", 7.5, 9, TestGames.NETWORK, valid.result())));
  }

  @Test
  void headerChecks() {
    for (double komi : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 7.3, 150.5, -151}) {
      assertEquals(
          Set.of(RejectionCode.KOMI_INVALID),
          codes(header("chinese", komi, 9, TestGames.NETWORK, valid.result())),
          "komi " + komi);
    }
    assertTrue(
        codes(header("chinese", 7.5, 5, TestGames.NETWORK, valid.result()))
            .contains(RejectionCode.BOARD_SIZE_UNSUPPORTED));
    assertTrue(
        codes(header("chinese", 7.5, 25, TestGames.NETWORK, valid.result()))
            .contains(RejectionCode.BOARD_SIZE_UNSUPPORTED));
    assertEquals(
        Set.of(RejectionCode.NETWORK_NAME_INVALID),
        codes(header("chinese", 7.5, 9, "kata1-b6c96", valid.result())));
    for (String result : new String[] {"B+3.2", "X+1", "B+T", "Void", ""}) {
      assertEquals(
          Set.of(RejectionCode.RESULT_INVALID),
          codes(header("chinese", 7.5, 9, TestGames.NETWORK, result)),
          result);
    }
    GameRecord v2 =
        new GameRecord(
            2,
            valid.rules(),
            valid.komi(),
            9,
            valid.network(),
            valid.moves(),
            valid.result(),
            valid.positions());
    assertEquals(Set.of(RejectionCode.VERSION_UNSUPPORTED), codes(v2));
  }

  @Test
  void resultMustMatchTheFinalPosition() {
    String other = valid.result().startsWith("B") ? "W+0.5" : "B+0.5";
    assertEquals(
        Set.of(RejectionCode.RESULT_MISMATCH),
        codes(header("chinese", 7.5, 9, TestGames.NETWORK, other)));
    // Another komi changes the count, so the declared result no longer follows.
    assertTrue(
        codes(header("chinese", 107.5, 9, TestGames.NETWORK, valid.result()))
            .contains(RejectionCode.RESULT_MISMATCH));
    // A counted game that was declared resigned.
    assertEquals(
        Set.of(RejectionCode.RESULT_MISMATCH),
        codes(header("chinese", 7.5, 9, TestGames.NETWORK, valid.result().charAt(0) + "+R")));
  }

  @Test
  void movesMustBeLegalAndEndTheGame() {
    List<String> moves = new ArrayList<>(valid.moves());
    moves.set(5, moves.get(3)); // occupied
    GameRecord occupied =
        new GameRecord(
            1, "chinese", 7.5, 9, valid.network(), moves, valid.result(), valid.positions());
    assertTrue(codes(occupied).contains(RejectionCode.MOVE_ILLEGAL), codes(occupied).toString());
    moves.set(5, "Z99");
    GameRecord garbage =
        new GameRecord(
            1, "chinese", 7.5, 9, valid.network(), moves, valid.result(), valid.positions());
    assertTrue(codes(garbage).contains(RejectionCode.MOVE_INVALID));
    int n = valid.moves().size();
    GameRecord unfinished =
        new GameRecord(
            1,
            "chinese",
            7.5,
            9,
            valid.network(),
            valid.moves().subList(0, n - 1),
            valid.result(),
            valid.positions().subList(0, n - 1));
    assertEquals(Set.of(RejectionCode.GAME_NOT_FINISHED), codes(unfinished));
    GameRecord fewerPositions =
        new GameRecord(
            1,
            "chinese",
            7.5,
            9,
            valid.network(),
            valid.moves(),
            valid.result(),
            valid.positions().subList(0, n - 1));
    assertEquals(Set.of(RejectionCode.POSITIONS_MOVES_MISMATCH), codes(fewerPositions));
  }

  @Test
  void policyChecks() {
    float[] base = valid.positions().get(10).policy();
    float[] nan = base.clone();
    nan[0] = Float.NaN;
    assertEquals(
        Set.of(RejectionCode.POLICY_NOT_FINITE),
        codes(position(10, p -> TestGames.withPolicy(p, nan))));
    float[] negative = base.clone();
    int a = firstNonZero(base, 0);
    int b = firstNonZero(base, a + 1);
    negative[a] += 0.25f;
    negative[b] -= 0.25f + base[b]; // keeps the sum, makes one entry negative
    negative[a] -= base[b];
    assertTrue(
        codes(position(10, p -> TestGames.withPolicy(p, negative)))
            .contains(RejectionCode.POLICY_NEGATIVE));
    float[] offBy1e2 = base.clone();
    offBy1e2[a] += 0.01f;
    assertEquals(
        Set.of(RejectionCode.POLICY_NOT_NORMALIZED),
        codes(position(10, p -> TestGames.withPolicy(p, offBy1e2))));
    float[] withinTolerance = base.clone();
    withinTolerance[a] += 0.0005f;
    assertEquals(Set.of(), codes(position(10, p -> TestGames.withPolicy(p, withinTolerance))));
    // Weight on an occupied point: move it there from a legal one.
    String board = valid.positions().get(10).board();
    int occupied = board.indexOf('X');
    float[] onStone = base.clone();
    onStone[occupied] = onStone[a];
    onStone[a] = 0;
    assertEquals(
        Set.of(RejectionCode.POLICY_ON_ILLEGAL_MOVE),
        codes(position(10, p -> TestGames.withPolicy(p, onStone))));
    assertEquals(
        Set.of(RejectionCode.POLICY_LENGTH),
        codes(position(10, p -> TestGames.withPolicy(p, new float[81]))));
  }

  private static int firstNonZero(float[] p, int from) {
    for (int i = from; i < p.length; i++) {
      if (p[i] > 0) {
        return i;
      }
    }
    throw new AssertionError("no legal move");
  }

  @Test
  void targetChecks() {
    assertEquals(
        Set.of(RejectionCode.VALUE_INVALID),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(), p.board(), p.policy(), 0.5, p.score(), p.ownership()))));
    assertEquals(
        Set.of(RejectionCode.VALUE_MISMATCH),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(),
                        p.board(),
                        p.policy(),
                        -p.value(),
                        p.score(),
                        p.ownership()))));
    assertEquals(
        Set.of(RejectionCode.SCORE_MISMATCH),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(),
                        p.board(),
                        p.policy(),
                        p.value(),
                        p.score() + 1,
                        p.ownership()))));
    assertEquals(
        Set.of(RejectionCode.SCORE_INVALID),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(),
                        p.board(),
                        p.policy(),
                        p.value(),
                        Double.POSITIVE_INFINITY,
                        p.ownership()))));
    float[] own = valid.positions().get(3).ownership().clone();
    own[40] = -own[40] == 0 ? 1 : -own[40];
    assertEquals(
        Set.of(RejectionCode.OWNERSHIP_MISMATCH),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(), p.board(), p.policy(), p.value(), p.score(), own))));
    float[] big = valid.positions().get(3).ownership().clone();
    big[0] = 2;
    assertTrue(
        codes(
                position(
                    3,
                    p ->
                        new PositionRecord(
                            p.moveNumber(), p.board(), p.policy(), p.value(), p.score(), big)))
            .contains(RejectionCode.OWNERSHIP_INVALID));
    assertEquals(
        Set.of(RejectionCode.OWNERSHIP_LENGTH),
        codes(
            position(
                3,
                p ->
                    new PositionRecord(
                        p.moveNumber(),
                        p.board(),
                        p.policy(),
                        p.value(),
                        p.score(),
                        new float[80]))));
  }

  @Test
  void boardsMustFollowFromTheMoves() {
    assertEquals(
        Set.of(RejectionCode.MOVE_NUMBER_INVALID),
        codes(
            position(
                7,
                p ->
                    new PositionRecord(
                        8, p.board(), p.policy(), p.value(), p.score(), p.ownership()))));
    String board = valid.positions().get(7).board();
    int empty = board.indexOf('.');
    String altered = board.substring(0, empty) + "O" + board.substring(empty + 1);
    assertEquals(
        Set.of(RejectionCode.BOARD_MISMATCH),
        codes(
            position(
                7,
                p ->
                    new PositionRecord(
                        7, altered, p.policy(), p.value(), p.score(), p.ownership()))));
    assertEquals(
        Set.of(RejectionCode.BOARD_INVALID),
        codes(
            position(
                7,
                p ->
                    new PositionRecord(
                        7,
                        board.replace('.', '+'),
                        p.policy(),
                        p.value(),
                        p.score(),
                        p.ownership()))));
  }

  @Test
  void everyReasonIsReportedNotOnlyTheFirst() {
    GameRecord bad =
        position(
            3, p -> new PositionRecord(9, p.board(), new float[5], 0.5, Double.NaN, new float[2]));
    bad =
        new GameRecord(
            1,
            bad.rules(),
            bad.komi(),
            9,
            "not-a-network",
            bad.moves(),
            bad.result(),
            bad.positions());
    assertEquals(
        EnumSet.of(
            RejectionCode.NETWORK_NAME_INVALID,
            RejectionCode.MOVE_NUMBER_INVALID,
            RejectionCode.POLICY_LENGTH,
            RejectionCode.VALUE_INVALID,
            RejectionCode.SCORE_INVALID,
            RejectionCode.OWNERSHIP_LENGTH),
        codes(bad));
  }

  @Test
  void manyFaultsOfOneKindAreSummarised() {
    List<PositionRecord> positions = new ArrayList<>();
    for (PositionRecord p : valid.positions()) {
      positions.add(
          new PositionRecord(p.moveNumber(), p.board(), p.policy(), 0.5, p.score(), p.ownership()));
    }
    GameRecord bad =
        new GameRecord(
            1, "chinese", 7.5, 9, valid.network(), valid.moves(), valid.result(), positions);
    List<Reason> reasons = validator.validate(bad);
    assertEquals(Reasons.DETAILED_PER_CODE + 1, reasons.size());
    assertEquals(
        (positions.size() - Reasons.DETAILED_PER_CODE) + " more like the above",
        reasons.get(reasons.size() - 1).message());
  }
}
