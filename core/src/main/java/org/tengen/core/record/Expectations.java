package org.tengen.core.record;

/**
 * What the backend expects of an upload from the task it handed out; null fields are not checked.
 *
 * @param run the run the task belongs to
 * @param network the network the task told the worker to play with
 * @param boardSize the board size of the task's curriculum stage
 * @param rules the run's rules (a preset name; komi apart)
 * @param komi the run's komi; null where the task's self-play variety draws komi per game
 * @param maxGames the games a batch of the task holds at most (the run's games per batch)
 */
public record Expectations(
    String run, String network, Integer boardSize, String rules, Double komi, Integer maxGames) {

  public static final Expectations NONE = new Expectations(null, null);

  /** Run and network only. */
  public Expectations(String run, String network) {
    this(run, network, null, null, null, null);
  }
}
