package org.tengen.worker.contribute;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.tengen.core.api.Endpoints;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.api.RatingApi.Decision;
import org.tengen.core.api.RatingApi.MatchResultRequest;
import org.tengen.core.api.TaskApi.RenewUploadRequest;
import org.tengen.core.api.TaskApi.UploadTarget;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;
import org.tengen.core.client.BackendClient;
import org.tengen.core.client.BackendClient.Refused;
import org.tengen.core.client.BackendClient.Unavailable;

/**
 * The upload protocol, from the worker's side: every sealed batch of the {@link UploadQueue} is PUT
 * to its presigned URL (renewed first when it is about to expire, or when S3 refuses it) and
 * confirmed; the verdict is logged and counted, and a batch the backend refuses for good is set
 * aside, never deleted. Rating results waiting in their folder are reported the same way. A batch
 * confirmed before a stop is recognised by its answers ({@code UPLOAD_FINISHED} on renewal, {@code
 * repeated} on confirm) and not counted twice.
 */
public final class UploadSender {

  private final BackendClient api;
  private final UploadQueue queue;
  private final Path ratingResults;
  private final WorkerLog log;
  private final WorkerTotals totals;

  public UploadSender(
      BackendClient api,
      UploadQueue queue,
      Path ratingResults,
      WorkerLog log,
      WorkerTotals totals) {
    this.api = api;
    this.queue = queue;
    this.ratingResults = ratingResults;
    this.log = log;
    this.totals = totals;
  }

  /**
   * Uploads every sealed batch and reports every rating result it can; false when the backend was
   * unavailable (what is left stays queued).
   */
  public boolean drain(int attempts) throws IOException, InterruptedException {
    try {
      for (UploadQueue.Sealed s : queue.sealed()) {
        send(s, attempts);
      }
      for (Path p : pendingResults()) {
        report(p, attempts);
      }
      return true;
    } catch (Unavailable e) {
      log.warn("the backend is unavailable (" + e.getMessage() + "); uploads stay queued");
      return false;
    }
  }

  private List<Path> pendingResults() throws IOException {
    try (Stream<Path> files = Files.list(ratingResults)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private void report(Path p, int attempts) throws IOException, InterruptedException {
    MatchResultRequest report;
    try {
      report = BackendClient.JSON.readValue(p.toFile(), MatchResultRequest.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // A file from an older worker (outcomes without records) or a torn one: no backend takes it.
      log.warn("rating results " + p.getFileName() + " unreadable, dropped: " + e.getMessage());
      Files.deleteIfExists(p);
      return;
    }
    try {
      Decision d = api.call(Endpoints.RECORD_MATCH_RESULT, report, attempts);
      log.info(
          String.format(
              java.util.Locale.ROOT,
              "rating results taken: %s now %d-%d-%d against %s (%s)",
              d.candidate(),
              d.wins(),
              d.losses(),
              d.draws(),
              d.baseline(),
              d.outcome()));
    } catch (Refused e) {
      log.warn("rating results refused, dropped: " + e.getMessage());
    }
    Files.deleteIfExists(p);
  }

  /** Uploads and confirms one sealed batch. */
  void send(UploadQueue.Sealed s, int attempts) throws IOException, InterruptedException {
    String id = s.target().uploadId();
    boolean finishedAlready = false;
    if (s.target().expiresBefore(Instant.now().plusSeconds(60))) {
      try {
        s = renew(s, attempts);
      } catch (Refused e) {
        if (e.code() != ErrorCode.UPLOAD_FINISHED) {
          setAside(s, e);
          return;
        }
        finishedAlready = true; // confirmed before the last stop: the confirm below tells how
      }
    }
    if (!finishedAlready) {
      byte[] bytes = Files.readAllBytes(s.batch());
      try {
        api.put(URI.create(s.target().url()), bytes, attempts);
      } catch (Refused e) {
        s = renew(s, attempts); // an expired or refused URL: once more with a fresh one
        api.put(URI.create(s.target().url()), bytes, attempts);
      }
    }
    ConfirmUploadRequest confirm = new ConfirmUploadRequest(id);
    ConfirmResult verdict;
    try {
      verdict = api.call(Endpoints.CONFIRM_UPLOAD, confirm, attempts);
    } catch (Refused e) {
      if (e.code() != ErrorCode.UPLOAD_MISSING) {
        setAside(s, e);
        return;
      }
      api.put(URI.create(s.target().url()), Files.readAllBytes(s.batch()), attempts);
      verdict = api.call(Endpoints.CONFIRM_UPLOAD, confirm, attempts);
    }
    logVerdict(id, verdict);
    queue.done(s);
  }

  private void logVerdict(String id, ConfirmResult verdict) {
    switch (verdict.outcome()) {
      case ACCEPTED -> {
        totals.accepted.incrementAndGet();
        log.info(
            "upload "
                + id
                + ": accepted as "
                + verdict.shard()
                + " ("
                + verdict.games()
                + " games, "
                + verdict.positions()
                + " positions)"
                + (verdict.repeated() ? ", confirmed before" : ""));
      }
      case DUPLICATE -> {
        totals.duplicates.incrementAndGet();
        log.warn(
            "upload " + id + ": the same games were uploaded before as " + verdict.duplicateOf());
      }
      default -> {
        totals.rejected.incrementAndGet();
        List<String> reasons =
            verdict.reasons() == null
                ? List.of()
                : verdict.reasons().stream()
                    .map(r -> r.code() + " at " + r.path() + ": " + r.message())
                    .toList();
        log.error(
            "upload "
                + id
                + ": "
                + verdict.outcome()
                + (reasons.isEmpty() ? "" : "\n  " + String.join("\n  ", reasons)));
      }
    }
  }

  private UploadQueue.Sealed renew(UploadQueue.Sealed s, int attempts)
      throws IOException, InterruptedException {
    UploadTarget t =
        api.call(Endpoints.RENEW_UPLOAD, new RenewUploadRequest(s.target().uploadId()), attempts);
    UploadQueue.Target old = s.target();
    return queue.retarget(
        s,
        new UploadQueue.Target(old.uploadId(), t.url(), t.expiresAt(), old.run(), old.network()));
  }

  private void setAside(UploadQueue.Sealed s, Refused e) throws IOException {
    Path to = queue.setAside(s);
    log.error(
        "upload "
            + s.target().uploadId()
            + " refused for good ("
            + e.getMessage()
            + "); kept in "
            + to);
  }
}
