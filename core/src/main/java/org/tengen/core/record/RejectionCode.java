package org.tengen.core.record;

/**
 * Stable codes for why an upload is rejected. They are part of the API: contributors' tools and
 * dashboards match on them, so codes are only ever added, never renamed.
 */
public enum RejectionCode {
  // --- the document
  MALFORMED_JSON,
  DOCUMENT_TOO_LARGE,
  MALFORMED_GZIP,
  WRONG_TYPE,
  MISSING_FIELD,
  UNKNOWN_FIELD,
  ARRAY_TOO_LONG,
  VERSION_UNSUPPORTED,
  // --- a batch
  BATCH_EMPTY,
  BATCH_TOO_MANY_GAMES,
  RUN_INVALID,
  RUN_MISMATCH,
  NETWORK_MISMATCH,
  GAME_DUPLICATE,
  // --- a game's header
  RULES_UNSUPPORTED,
  KOMI_INVALID,
  BOARD_SIZE_UNSUPPORTED,
  NETWORK_NAME_INVALID,
  POSITIONS_TOO_FEW,
  POSITIONS_TOO_MANY,
  POSITIONS_MOVES_MISMATCH,
  RESULT_INVALID,
  // --- the moves and their replay
  MOVE_INVALID,
  MOVE_ILLEGAL,
  GAME_NOT_FINISHED,
  RESULT_MISMATCH,
  // --- each position
  MOVE_NUMBER_INVALID,
  BOARD_INVALID,
  BOARD_MISMATCH,
  POLICY_LENGTH,
  POLICY_NOT_FINITE,
  POLICY_NEGATIVE,
  POLICY_NOT_NORMALIZED,
  POLICY_ON_ILLEGAL_MOVE,
  VALUE_INVALID,
  VALUE_MISMATCH,
  SCORE_INVALID,
  SCORE_MISMATCH,
  OWNERSHIP_LENGTH,
  OWNERSHIP_INVALID,
  OWNERSHIP_MISMATCH,
  /** A defect of the validator itself met this input; the input is rejected to stay safe. */
  VALIDATOR_ERROR
}
