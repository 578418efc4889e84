package org.tengen.core.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.storage.RunId;

/**
 * Validates an uploaded batch: reads it from (gzipped) JSON bytes without trusting them, checks the
 * batch (version, run, network, game count, duplicates) and every game with {@link GameValidator}.
 * Never throws on bad input; the {@link Validation} lists every reason.
 */
public final class BatchValidator {

  private final ValidationLimits limits;
  private final GameValidator games;
  private final com.fasterxml.jackson.core.JsonFactory json;

  public BatchValidator(ValidationLimits limits) {
    this.limits = limits;
    this.json = RecordParser.factory(limits);
    this.games = new GameValidator(limits);
  }

  public ValidationLimits limits() {
    return limits;
  }

  /** Validates a gzipped JSON batch, decompressing no more than the document limit. */
  public Validation validateGzip(byte[] gzipped, Expectations expected) {
    InputStream in;
    try {
      in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192);
    } catch (IOException e) {
      return new Validation.Rejected(
          List.of(new Reason(RejectionCode.MALFORMED_GZIP, "", "not gzip: " + e.getMessage())));
    }
    return validate(in, expected);
  }

  /** Validates a JSON batch. */
  public Validation validate(byte[] bytes, Expectations expected) {
    return validate(new ByteArrayInputStream(bytes), expected);
  }

  private Validation validate(InputStream in, Expectations expected) {
    Reasons reasons = new Reasons();
    GameBatch batch = null;
    try {
      batch = RecordParser.readBatch(in, json, limits, reasons);
      if (batch != null) {
        check(batch, expected, reasons);
      }
    } catch (RuntimeException e) {
      reasons.add(RejectionCode.VALIDATOR_ERROR, "", e.toString());
    }
    if (!reasons.isEmpty() || batch == null) {
      return new Validation.Rejected(reasons.list());
    }
    return new Validation.Accepted(batch);
  }

  /** Validates a batch already read (for instance one built by a worker before upload). */
  public Validation validate(GameBatch batch, Expectations expected) {
    Reasons reasons = new Reasons();
    try {
      check(batch, expected, reasons);
    } catch (RuntimeException e) {
      reasons.add(RejectionCode.VALIDATOR_ERROR, "", e.toString());
    }
    return reasons.isEmpty()
        ? new Validation.Accepted(batch)
        : new Validation.Rejected(reasons.list());
  }

  /** The game was played as its task said: board size, rules and (without variety) komi. */
  private static void checkTask(GameRecord g, Expectations expected, String at, Reasons r) {
    if (expected.boardSize() != null && g.boardSize() != expected.boardSize()) {
      r.add(
          RejectionCode.BOARD_SIZE_UNSUPPORTED,
          at + ".board_size",
          g.boardSize()
              + "x"
              + g.boardSize()
              + " but the task was for "
              + expected.boardSize()
              + "x"
              + expected.boardSize());
    }
    if (expected.rules() != null && g.rules() != null) {
      try {
        Rules played = Rules.parse(g.rules()).withKomi(7.5);
        Rules task = Rules.parse(expected.rules()).withKomi(7.5);
        if (!played.equals(task)) {
          r.add(
              RejectionCode.RULES_UNSUPPORTED,
              at + ".rules",
              "'"
                  + GameValidator.abbreviate(g.rules())
                  + "' but the task's rules are "
                  + task.name());
        }
      } catch (IllegalArgumentException e) {
        // Rules that cannot be parsed are reported by the game's own checks.
      }
    }
    if (expected.komi() != null && g.komi() != expected.komi()) {
      r.add(
          RejectionCode.KOMI_INVALID,
          at + ".komi",
          "komi " + g.komi() + " but the task's komi is " + expected.komi());
    }
  }

  private void check(GameBatch batch, Expectations expected, Reasons r) {
    if (batch.version() != GameRecord.VERSION) {
      r.add(
          RejectionCode.VERSION_UNSUPPORTED,
          "version",
          "version " + batch.version() + " is not " + GameRecord.VERSION);
    }
    if (batch.run() != null) {
      if (!RunId.isValid(batch.run())) {
        r.add(
            RejectionCode.RUN_INVALID,
            "run",
            "run '" + GameValidator.abbreviate(batch.run()) + "' is not 1-64 of [a-z0-9_-]");
      } else if (expected.run() != null && !expected.run().equals(batch.run())) {
        r.add(
            RejectionCode.RUN_MISMATCH,
            "run",
            "run '" + batch.run() + "' but the task was for '" + expected.run() + "'");
      }
    }
    if (batch.network() != null) {
      if (!NetworkName.isValid(batch.network())) {
        r.add(
            RejectionCode.NETWORK_NAME_INVALID,
            "network",
            "'" + GameValidator.abbreviate(batch.network()) + "' is not a network name");
      } else if (expected.network() != null && !expected.network().equals(batch.network())) {
        r.add(
            RejectionCode.NETWORK_MISMATCH,
            "network",
            "played with " + batch.network() + " but the task named " + expected.network());
      }
    }
    List<GameRecord> list = batch.games();
    if (list.isEmpty() && r.count(RejectionCode.BATCH_TOO_MANY_GAMES) == 0) {
      r.add(RejectionCode.BATCH_EMPTY, "games", "a batch holds at least one game");
    }
    if (expected.maxGames() != null
        && list.size() > expected.maxGames()
        && list.size() <= limits.maxGamesPerBatch()) {
      r.add(
          RejectionCode.BATCH_TOO_MANY_GAMES,
          "games",
          list.size() + " games, but the task was for " + expected.maxGames());
    }
    if (list.size() > limits.maxGamesPerBatch()) {
      r.add(
          RejectionCode.BATCH_TOO_MANY_GAMES,
          "games",
          list.size() + " games, at most " + limits.maxGamesPerBatch() + " per batch");
    }
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      GameRecord g = list.get(i);
      String at = "games[" + i + "]";
      if (batch.network() != null && g.network() != null && !batch.network().equals(g.network())) {
        r.add(
            RejectionCode.NETWORK_MISMATCH,
            at + ".network",
            "game played with '"
                + GameValidator.abbreviate(g.network())
                + "' in a batch of "
                + GameValidator.abbreviate(batch.network()));
      }
      if (!g.moves().isEmpty() && !seen.add(g.moves())) {
        r.add(RejectionCode.GAME_DUPLICATE, at, "the same moves as an earlier game of the batch");
      }
      checkTask(g, expected, at, r);
      games.check(g, at, r);
    }
  }
}
