package org.tengen.core.api;

import java.util.List;

/** nextTask and renewUpload: the work a contributor's worker is handed. */
public final class TaskApi {

  private TaskApi() {}

  /**
   * {@code prefer}: a {@link TaskKind}'s wire name for a worker that wants one kind, or null for
   * either. Text, not the enum, so that the backend answers a wrong name with {@link
   * ErrorCode#KIND_INVALID}.
   */
  public record NextTaskRequest(String run, String prefer) {
    public static NextTaskRequest of(String run, TaskKind prefer) {
      return new NextTaskRequest(run, prefer == null ? null : prefer.wire());
    }
  }

  public record RenewUploadRequest(String uploadId) {}

  /** The network to download. */
  public record NetworkRef(String name, String url, long bytes, String sha256) {}

  /**
   * How the games of a task are played: board, visits and komi from the run's curriculum and
   * settings. {@code variety}: how self-play games vary komi and openings ({@link
   * org.tengen.core.selfplay.Variety#parse}); null (an older backend, or rating games) means none.
   * {@code search}: the self-play search's techniques ({@link
   * org.tengen.core.selfplay.SearchSettings#parse}); null means KataGo's.
   */
  public record Settings(
      int boardSize,
      int visits,
      double komi,
      String rules,
      int gamesPerBatch,
      String variety,
      String search) {}

  /** Where to put the batch, and until when. */
  public record UploadTarget(String uploadId, String url, String expiresAt, long maxBytes) {}

  /** One rating game: its id (to report), and the candidate's colour ({@code B} or {@code W}). */
  public record RatingGame(String gameId, String candidateColor) {}

  /** Rating work: play these games of the task's network (the candidate) against the baseline. */
  public record RatingWork(String taskId, List<RatingGame> games) {}

  /**
   * A task. Self-play: {@code network}, {@code settings} and {@code upload}. Rating: {@code
   * network} is the candidate, {@code baseline} the run's current network, {@code rating} the games
   * to play and report with recordMatchResult.
   */
  public record Task(
      TaskKind kind,
      String run,
      NetworkRef network,
      Settings settings,
      UploadTarget upload,
      NetworkRef baseline,
      RatingWork rating) {}
}
