package org.tengen.core.shard;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.KoRule;
import org.tengen.core.go.Move;
import org.tengen.core.go.Rules;
import org.tengen.core.go.Scoring;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.PositionRecord;

/**
 * A training shard: the positions of accepted games as NumPy arrays of one board size, one row per
 * position. {@code docs/formats.md} lists the arrays; {@code numpy.load} reads the file as it is.
 * Every target is from the view of the player to move, as in the wire format.
 *
 * @param boardSize S, the same for every row
 * @param rows N
 * @param stones int8 [N, S, S]: +1 black, -1 white, 0 empty
 * @param toMove int8 [N]: +1 black, -1 white
 * @param policy float32 [N, S·S + 1]: search policy, pass last
 * @param policyWeight float32 [N]: 1 where the policy is a training target, 0 for the cheap
 *     searches of playout cap randomisation
 * @param value float32 [N]: +1 win, 0 draw, -1 loss
 * @param score float32 [N]: final margin
 * @param ownership float32 [N, S, S]: final ownership
 * @param scoreWeight float32 [N]: 1 where the game was counted, so that {@code score} and {@code
 *     ownership} are real targets; 0 where it ended by resignation (both are then 0 and say
 *     nothing). Shards written before the array existed get it from the ownership (all zero: not
 *     counted).
 * @param komi float32 [N]: komi as declared (points for white)
 * @param moveNumber int16 [N]
 * @param lastMoves int16 [N, 5]: policy index of the last five moves, newest first; -1 none
 * @param koPoint int16 [N]: point forbidden by simple ko to the player to move; -1 none
 * @param koRule int8 [N]: 0 simple, 1 positional, 2 situational
 * @param suicide int8 [N]: 1 where multi-stone suicide is legal
 * @param scoring int8 [N]: 0 Tromp-Taylor, 1 area with pass-dead stones removed
 * @param gameIndex int32 [N]: which game of the shard the row comes from
 * @param network the network that played the games
 * @param run the run they belong to
 * @param contributor who uploaded the games; empty where not known (shards written before it was
 *     recorded), and then the array is left out of the file
 */
public record TrainingShard(
    int boardSize,
    int rows,
    byte[] stones,
    byte[] toMove,
    float[] policy,
    float[] policyWeight,
    float[] value,
    float[] score,
    float[] ownership,
    float[] scoreWeight,
    float[] komi,
    short[] moveNumber,
    short[] lastMoves,
    short[] koPoint,
    byte[] koRule,
    byte[] suicide,
    byte[] scoring,
    int[] gameIndex,
    String network,
    String run,
    String contributor) {

  /** Moves of history each row carries. */
  public static final int HISTORY = 5;

  /** Largest shard file read (uncompressed). */
  public static final long MAX_BYTES = 1L << 30;

  public TrainingShard {
    contributor = contributor == null ? "" : contributor;
    int s2 = boardSize * boardSize;
    check(stones.length == rows * s2, "stones");
    check(toMove.length == rows, "to_move");
    check(policy.length == rows * (s2 + 1), "policy");
    check(policyWeight.length == rows, "policy_weight");
    check(value.length == rows, "value");
    check(score.length == rows, "score");
    check(ownership.length == rows * s2, "ownership");
    check(scoreWeight.length == rows, "score_weight");
    check(komi.length == rows, "komi");
    check(moveNumber.length == rows, "move_number");
    check(lastMoves.length == rows * HISTORY, "last_moves");
    check(koPoint.length == rows, "ko_point");
    check(koRule.length == rows, "ko_rule");
    check(suicide.length == rows, "suicide");
    check(scoring.length == rows, "scoring");
    check(gameIndex.length == rows, "game");
    for (int i = 0; i < rows; i++) {
      check(koRule[i] >= 0 && koRule[i] < KoRule.values().length, "ko_rule");
      check(scoring[i] >= 0 && scoring[i] < Scoring.values().length, "scoring");
      check(toMove[i] == 1 || toMove[i] == -1, "to_move");
    }
  }

  private static void check(boolean ok, String array) {
    if (!ok) {
      throw new IllegalArgumentException("shard array '" + array + "' has a wrong length or value");
    }
  }

  /**
   * The shard of validated games (all of one board size). Games are replayed to recover what the
   * wire format leaves implicit: the ko point and the last moves of each position.
   */
  public static TrainingShard of(List<GameRecord> games, String run, String network) {
    return of(games, run, network, "");
  }

  /** The shard of validated games uploaded by {@code contributor}. */
  public static TrainingShard of(
      List<GameRecord> games, String run, String network, String contributor) {
    if (games.isEmpty()) {
      throw new IllegalArgumentException("a shard needs at least one game");
    }
    int size = games.get(0).boardSize();
    int s2 = size * size;
    int rows = 0;
    for (GameRecord g : games) {
      if (g.boardSize() != size) {
        throw new IllegalArgumentException(
            "a shard holds one board size: " + g.boardSize() + " after " + size);
      }
      rows += g.positions().size();
    }
    byte[] stones = new byte[rows * s2];
    byte[] toMove = new byte[rows];
    float[] policy = new float[rows * (s2 + 1)];
    float[] policyWeight = new float[rows];
    float[] value = new float[rows];
    float[] score = new float[rows];
    float[] ownership = new float[rows * s2];
    float[] scoreWeight = new float[rows];
    float[] komi = new float[rows];
    short[] moveNumber = new short[rows];
    short[] lastMoves = new short[rows * HISTORY];
    short[] koPoint = new short[rows];
    byte[] koRule = new byte[rows];
    byte[] suicide = new byte[rows];
    byte[] scoring = new byte[rows];
    int[] gameIndex = new int[rows];
    int row = 0;
    for (int gi = 0; gi < games.size(); gi++) {
      GameRecord g = games.get(gi);
      Rules rules = Rules.parse(g.rules()).withKomi(g.komi());
      Game game = new Game(size, rules);
      float counted = counted(g) ? 1f : 0f;
      int[] history = new int[HISTORY];
      Arrays.fill(history, -1);
      for (int i = 0; i < g.positions().size(); i++, row++) {
        PositionRecord p = g.positions().get(i);
        Board board = game.board();
        for (int pt = 0; pt < s2; pt++) {
          byte c = board.get(board.locOfPoint(pt));
          stones[row * s2 + pt] = (byte) (c == Board.BLACK ? 1 : c == Board.WHITE ? -1 : 0);
        }
        toMove[row] = (byte) game.toMove().sign();
        System.arraycopy(p.policy(), 0, policy, row * (s2 + 1), s2 + 1);
        policyWeight[row] = p.isPolicyTarget() ? 1f : 0f;
        value[row] = (float) p.value();
        score[row] = (float) p.score();
        System.arraycopy(p.ownership(), 0, ownership, row * s2, s2);
        scoreWeight[row] = counted;
        komi[row] = (float) g.komi();
        moveNumber[row] = (short) i;
        for (int h = 0; h < HISTORY; h++) {
          lastMoves[row * HISTORY + h] = (short) history[h];
        }
        koPoint[row] = (short) (board.koLoc() == Board.NONE ? -1 : board.pointIndex(board.koLoc()));
        koRule[row] = (byte) rules.koRule().ordinal();
        suicide[row] = (byte) (rules.suicideAllowed() ? 1 : 0);
        scoring[row] = (byte) rules.scoring().ordinal();
        gameIndex[row] = gi;
        if (i < g.moves().size()) {
          Move m = Move.parseGtp(g.moves().get(i), size);
          if (!game.play(m).isLegal()) {
            throw new IllegalArgumentException(
                "game " + gi + " move " + i + " is illegal: validate games before sharding");
          }
          System.arraycopy(history, 0, history, 1, HISTORY - 1);
          history[0] = m.index(size);
        }
      }
    }
    return new TrainingShard(
        size,
        rows,
        stones,
        toMove,
        policy,
        policyWeight,
        value,
        score,
        ownership,
        scoreWeight,
        komi,
        moveNumber,
        lastMoves,
        koPoint,
        koRule,
        suicide,
        scoring,
        gameIndex,
        network,
        run,
        contributor);
  }

  /** The same rows, marked as uploaded by {@code who}. */
  public TrainingShard withContributor(String who) {
    return new TrainingShard(
        boardSize,
        rows,
        stones,
        toMove,
        policy,
        policyWeight,
        value,
        score,
        ownership,
        scoreWeight,
        komi,
        moveNumber,
        lastMoves,
        koPoint,
        koRule,
        suicide,
        scoring,
        gameIndex,
        network,
        run,
        who);
  }

  /**
   * Whether a game's final position was counted, so that its score and ownership targets are real:
   * not when it ended by resignation (time and forfeit do not occur in self-play).
   */
  static boolean counted(GameRecord g) {
    return GameResult.parse(g.result()).decision() == GameResult.Decision.SCORE;
  }

  /** For shards written before score_weight: a row is counted where its ownership says anything. */
  static float[] countedFromOwnership(float[] ownership, int rows, int s2) {
    float[] w = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int p = r * s2; p < (r + 1) * s2; p++) {
        if (ownership[p] != 0) {
          w[r] = 1;
          break;
        }
      }
    }
    return w;
  }

  /** The arrays by name, in file order. */
  public Map<String, NpyArray> arrays() {
    int s = boardSize;
    Map<String, NpyArray> a = new LinkedHashMap<>();
    a.put("stones", NpyArray.ofBytes(stones, rows, s, s));
    a.put("to_move", NpyArray.ofBytes(toMove, rows));
    a.put("policy", NpyArray.ofFloats(policy, rows, s * s + 1));
    a.put("policy_weight", NpyArray.ofFloats(policyWeight, rows));
    a.put("value", NpyArray.ofFloats(value, rows));
    a.put("score", NpyArray.ofFloats(score, rows));
    a.put("ownership", NpyArray.ofFloats(ownership, rows, s, s));
    a.put("score_weight", NpyArray.ofFloats(scoreWeight, rows));
    a.put("komi", NpyArray.ofFloats(komi, rows));
    byte[] sizes = new byte[rows];
    Arrays.fill(sizes, (byte) s);
    a.put("board_size", NpyArray.ofBytes(sizes, rows));
    a.put("move_number", NpyArray.ofShorts(moveNumber, rows));
    a.put("last_moves", NpyArray.ofShorts(lastMoves, rows, HISTORY));
    a.put("ko_point", NpyArray.ofShorts(koPoint, rows));
    a.put("ko_rule", NpyArray.ofBytes(koRule, rows));
    a.put("suicide", NpyArray.ofBytes(suicide, rows));
    a.put("scoring", NpyArray.ofBytes(scoring, rows));
    a.put("game", NpyArray.ofInts(gameIndex, rows));
    a.put("network", NpyArray.ofString(network));
    a.put("run", NpyArray.ofString(run));
    if (!contributor.isEmpty()) {
      a.put("contributor", NpyArray.ofString(contributor));
    }
    return a;
  }

  /** The shard as an {@code .npz} file (deflated, as {@code numpy.savez_compressed}). */
  public byte[] toNpz() {
    return Npz.write(arrays(), true);
  }

  /**
   * Reads a shard written by {@link #toNpz()} (or by NumPy with the same arrays and dtypes).
   *
   * @throws IOException naming the missing or inconsistent array
   */
  public static TrainingShard fromNpz(byte[] npz) throws IOException {
    Map<String, NpyArray> a = Npz.read(npz, MAX_BYTES);
    NpyArray stonesArray = need(a, "stones", DType.INT8);
    int[] shape = stonesArray.shape();
    if (shape.length != 3 || shape[1] != shape[2]) {
      throw new IOException("shard array 'stones' has shape " + Arrays.toString(shape));
    }
    int rows = shape[0];
    int size = shape[1];
    if (size < Board.MIN_SIZE || size > Board.MAX_SIZE) {
      throw new IOException("shard board size " + size + " is not playable");
    }
    float[] ownership = need(a, "ownership", DType.FLOAT32).floats();
    try {
      return new TrainingShard(
          size,
          rows,
          stonesArray.data().clone(),
          need(a, "to_move", DType.INT8).data().clone(),
          need(a, "policy", DType.FLOAT32).floats(),
          need(a, "policy_weight", DType.FLOAT32).floats(),
          need(a, "value", DType.FLOAT32).floats(),
          need(a, "score", DType.FLOAT32).floats(),
          ownership,
          a.containsKey("score_weight")
              ? need(a, "score_weight", DType.FLOAT32).floats()
              : countedFromOwnership(ownership, rows, size * size),
          need(a, "komi", DType.FLOAT32).floats(),
          shorts(need(a, "move_number", DType.INT16)),
          shorts(need(a, "last_moves", DType.INT16)),
          shorts(need(a, "ko_point", DType.INT16)),
          need(a, "ko_rule", DType.INT8).data().clone(),
          need(a, "suicide", DType.INT8).data().clone(),
          need(a, "scoring", DType.INT8).data().clone(),
          need(a, "game", DType.INT32).ints(),
          need(a, "network", DType.UNICODE).strings()[0],
          need(a, "run", DType.UNICODE).strings()[0],
          a.containsKey("contributor") ? need(a, "contributor", DType.UNICODE).strings()[0] : "");
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static NpyArray need(Map<String, NpyArray> a, String name, DType type)
      throws IOException {
    NpyArray array = a.get(name);
    if (array == null) {
      throw new IOException("shard lacks the array '" + name + "'");
    }
    if (array.dtype() != type) {
      throw new IOException(
          "shard array '" + name + "' is " + array.descr() + ", expected " + type.descr());
    }
    return array;
  }

  private static short[] shorts(NpyArray array) {
    int[] ints = array.ints();
    short[] out = new short[ints.length];
    for (int i = 0; i < ints.length; i++) {
      out[i] = (short) ints[i];
    }
    return out;
  }

  /** Ko rule of a row as the enum. */
  public KoRule koRuleAt(int row) {
    return KoRule.values()[koRule[row]];
  }

  /** Scoring of a row as the enum. */
  public Scoring scoringAt(int row) {
    return Scoring.values()[scoring[row]];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingShard t
        && boardSize == t.boardSize
        && rows == t.rows
        && arrays().equals(t.arrays());
  }

  @Override
  public int hashCode() {
    return arrays().hashCode();
  }

  @Override
  public String toString() {
    return "TrainingShard["
        + rows
        + " rows of "
        + boardSize
        + "x"
        + boardSize
        + ", "
        + network
        + "]";
  }
}
