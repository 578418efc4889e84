package org.tengen.core.curriculum;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.tengen.core.go.Board;

/**
 * Which board size and how many visits self-play uses at a given training step. The seed's schedule
 * is the default: 9x9 at 200 visits below step 100,000, 13x13 at 400 below 500,000, then 19x19 at
 * 800.
 *
 * <p>Written as text for configuration: {@code "100000:9:200,500000:13:400,*:19:800"}, each stage
 * {@code untilStep:boardSize:visits}, the last one's {@code untilStep} being {@code *}. A stage may
 * mix board sizes, as KataGo's self-play does: {@code *:9/7:32} hands out self-play tasks on 9x9
 * and 7x7 alike (each task draws one size evenly); the first size is the stage's own, on which its
 * candidates play their rating games.
 */
public record Curriculum(List<Stage> stages) {

  /**
   * A stage: used for steps below {@code untilStep} (and after the previous stage's); the last
   * stage has {@code untilStep == Long.MAX_VALUE}. {@code boardSizes}: the sizes its self-play
   * tasks draw from, its own size first.
   */
  public record Stage(long untilStep, List<Integer> boardSizes, int visits) {

    /** A stage of one board size. */
    public Stage(long untilStep, int boardSize, int visits) {
      this(untilStep, List.of(boardSize), visits);
    }

    public Stage {
      boardSizes = List.copyOf(boardSizes);
      if (boardSizes.isEmpty()) {
        throw new IllegalArgumentException("a stage needs a board size");
      }
      if (Set.copyOf(boardSizes).size() != boardSizes.size()) {
        throw new IllegalArgumentException("board sizes " + boardSizes + " repeat a size");
      }
      for (int boardSize : boardSizes) {
        if (boardSize < Board.MIN_SIZE || boardSize > Board.MAX_SIZE) {
          throw new IllegalArgumentException(
              "board size " + boardSize + " is outside " + Board.MIN_SIZE + ".." + Board.MAX_SIZE);
        }
      }
      if (visits < 1) {
        throw new IllegalArgumentException("visits " + visits + " must be at least 1");
      }
      if (untilStep < 1) {
        throw new IllegalArgumentException("untilStep " + untilStep + " must be at least 1");
      }
    }

    /** The stage's own size: its first (rating games are played on it). */
    public int boardSize() {
      return boardSizes.get(0);
    }

    /** The size of one self-play task: one of the stage's sizes, drawn evenly. */
    public int drawBoardSize(RandomGenerator random) {
      return boardSizes.get(random.nextInt(boardSizes.size()));
    }
  }

  public Curriculum {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a curriculum needs at least one stage");
    }
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i).untilStep() <= stages.get(i - 1).untilStep()) {
        throw new IllegalArgumentException(
            "stage " + (i + 1) + " must end after stage " + i + " (steps must increase)");
      }
    }
    if (stages.get(stages.size() - 1).untilStep() != Long.MAX_VALUE) {
      throw new IllegalArgumentException("the last stage must be open-ended ('*')");
    }
  }

  /** The seed's schedule. */
  public static Curriculum seed() {
    return parse("100000:9:200,500000:13:400,*:19:800");
  }

  /** The stage in force at a training step (≥ 0). */
  public Stage stageAt(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step " + step + " is negative");
    }
    for (Stage s : stages) {
      if (step < s.untilStep()) {
        return s;
      }
    }
    throw new AssertionError("the last stage is open-ended");
  }

  /**
   * Parses {@code untilStep:boardSize:visits,…,*:boardSize:visits}.
   *
   * @throws IllegalArgumentException naming the stage that is malformed
   */
  public static Curriculum parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("curriculum is empty");
    }
    List<Stage> stages = new ArrayList<>();
    String[] parts = text.split(",");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      String[] f = part.split(":");
      if (f.length != 3) {
        throw new IllegalArgumentException(
            "curriculum stage " + (i + 1) + " '" + part + "' is not untilStep:boardSize:visits");
      }
      try {
        long until = f[0].trim().equals("*") ? Long.MAX_VALUE : Long.parseLong(f[0].trim());
        List<Integer> sizes = new ArrayList<>();
        for (String size : f[1].split("/", -1)) {
          sizes.add(Integer.parseInt(size.trim()));
        }
        stages.add(new Stage(until, sizes, Integer.parseInt(f[2].trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "curriculum stage " + (i + 1) + " '" + part + "' has a malformed number");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "curriculum stage " + (i + 1) + " '" + part + "': " + e.getMessage());
      }
    }
    return new Curriculum(stages);
  }

  /** The text form that {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Stage s : stages) {
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(s.untilStep() == Long.MAX_VALUE ? "*" : Long.toString(s.untilStep()));
      sb.append(':');
      for (int i = 0; i < s.boardSizes().size(); i++) {
        sb.append(i == 0 ? "" : "/").append(s.boardSizes().get(i));
      }
      sb.append(':').append(s.visits());
    }
    return sb.toString();
  }
}
