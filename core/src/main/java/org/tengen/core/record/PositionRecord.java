package org.tengen.core.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * One training position of an uploaded game (wire format version 1).
 *
 * @param moveNumber index of the move about to be played, from 0
 * @param board the stones before that move: {@code size²} characters {@code .}, {@code X}, {@code
 *     O}, row-major from the top-left
 * @param policy search visit distribution over {@code size² + 1} moves, pass last
 * @param value the game's result from the view of the player to move: +1 win, 0 draw, -1 loss
 * @param score the final margin from the view of the player to move
 * @param ownership the final ownership of each point from the view of the player to move
 * @param fullSearch optional: {@code false} marks a cheap search (playout cap randomisation) whose
 *     policy is not a training target; absent (null) means a full search
 */
public record PositionRecord(
    @JsonProperty("move_number") int moveNumber,
    @JsonProperty("board") String board,
    @JsonProperty("policy") float[] policy,
    @JsonProperty("value") double value,
    @JsonProperty("score") double score,
    @JsonProperty("ownership") float[] ownership,
    @JsonProperty("full_search") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean fullSearch) {

  /** A position of a full search. */
  public PositionRecord(
      int moveNumber, String board, float[] policy, double value, double score, float[] ownership) {
    this(moveNumber, board, policy, value, score, ownership, null);
  }

  /** Whether the policy is a training target (a full search, the default). */
  @JsonIgnore
  public boolean isPolicyTarget() {
    return fullSearch == null || fullSearch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PositionRecord p
        && moveNumber == p.moveNumber
        && Objects.equals(board, p.board)
        && Arrays.equals(policy, p.policy)
        && Double.compare(value, p.value) == 0
        && Double.compare(score, p.score) == 0
        && Arrays.equals(ownership, p.ownership)
        && Objects.equals(fullSearch, p.fullSearch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        moveNumber,
        board,
        Arrays.hashCode(policy),
        value,
        score,
        Arrays.hashCode(ownership),
        fullSearch);
  }

  @Override
  public String toString() {
    return "PositionRecord[move_number="
        + moveNumber
        + ", board="
        + board
        + ", value="
        + value
        + ", score="
        + score
        + ", policy="
        + (policy == null ? "null" : policy.length + " entries")
        + ", ownership="
        + (ownership == null ? "null" : ownership.length + " entries")
        + "]";
  }
}
