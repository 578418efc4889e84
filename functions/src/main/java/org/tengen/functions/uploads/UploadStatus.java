package org.tengen.functions.uploads;

/**
 * An upload's state in the {@code uploads} table: handed out and waiting for its confirm, or the
 * verdict the confirm stored (and answers again to a repeated confirm).
 */
public enum UploadStatus {
  PENDING,
  ACCEPTED,
  REJECTED,
  DUPLICATE
}
