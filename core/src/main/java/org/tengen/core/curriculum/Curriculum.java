package org.tengen.core.curriculum;

import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Board;

/**
 * Which board size and how many visits self-play uses at a given training step. The seed's schedule
 * is the default: 9x9 at 200 visits below step 100,000, 13x13 at 400 below 500,000, then 19x19 at
 * 800.
 *
 * <p>Written as text for configuration: {@code "100000:9:200,500000:13:400,*:19:800"}, each stage
 * {@code untilStep:boardSize:visits}, the last one's {@code untilStep} being {@code *}.
 */
public record Curriculum(List<Stage> stages) {

  /**
   * A stage: used for steps below {@code untilStep} (and after the previous stage's); the last
   * stage has {@code untilStep == Long.MAX_VALUE}.
   */
  public record Stage(long untilStep, int boardSize, int visits) {
    public Stage {
      if (boardSize < Board.MIN_SIZE || boardSize > Board.MAX_SIZE) {
        throw new IllegalArgumentException(
            "board size " + boardSize + " is outside " + Board.MIN_SIZE + ".." + Board.MAX_SIZE);
      }
      if (visits < 1) {
        throw new IllegalArgumentException("visits " + visits + " must be at least 1");
      }
      if (untilStep < 1) {
        throw new IllegalArgumentException("untilStep " + untilStep + " must be at least 1");
      }
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
        stages.add(new Stage(until, Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim())));
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
      sb.append(':').append(s.boardSize()).append(':').append(s.visits());
    }
    return sb.toString();
  }
}
