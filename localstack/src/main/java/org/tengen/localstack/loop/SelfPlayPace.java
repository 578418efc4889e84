package org.tengen.localstack.loop;

/**
 * Keeps self-play from outrunning the trainer: while a training job runs, the workers may add at
 * most {@code backlog} positions that no job has trained yet; then they are paused until the job
 * ends, and the trainer has the machine's cores to itself. On a machine where a position is made
 * faster than it is trained {@code --samples-per-position} times, this is what lets the jobs keep
 * that ratio: without it the backlog grows, the step cap binds, and each position is trained a
 * fraction of the intended times (0.77 of 8 in docs/results.md's 30-minute runs). Workers are never
 * paused outside a job, so a candidate's rating games always get played.
 *
 * @param backlog the new positions one job can train at the target ratio; 0 turns pacing off
 */
record SelfPlayPace(long backlog) {

  SelfPlayPace {
    if (backlog < 0) {
      throw new IllegalArgumentException("backlog: 0 (off) or more positions");
    }
  }

  /**
   * Whether the workers should be paused now.
   *
   * @param jobRunning whether a training job is running
   * @param positions the run's positions now
   * @param trainedUpTo the positions the running (or last) job trains on
   */
  boolean pause(boolean jobRunning, long positions, long trainedUpTo) {
    return backlog > 0 && jobRunning && positions - trainedUpTo >= backlog;
  }
}
