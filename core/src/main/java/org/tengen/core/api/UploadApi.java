package org.tengen.core.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.List;
import org.tengen.core.record.Reason;

/** confirmUpload: the verdict on a batch after its presigned PUT. */
public final class UploadApi {

  private UploadApi() {}

  public record ConfirmUploadRequest(String uploadId) {}

  /** What became of an upload. */
  public enum Outcome {
    ACCEPTED,
    REJECTED,
    /** The same games were accepted before, in another upload. */
    DUPLICATE,
    /** An outcome this client does not know (a newer backend). */
    @JsonEnumDefaultValue
    UNKNOWN
  }

  /**
   * The verdict: what happened ({@code repeated} when this upload was confirmed before), the shard
   * its games went to, and every reason for a rejection.
   */
  public record ConfirmResult(
      String uploadId,
      Outcome outcome,
      boolean repeated,
      String shard,
      int games,
      int positions,
      String duplicateOf,
      List<Reason> reasons) {}
}
