package org.tengen.functions.uploads;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.functions.auth.Caller;
import org.tengen.functions.uploads.ConfirmService.ConfirmResult;

/** confirmUpload: for contributors' workers, after the presigned PUT. */
public class UploadFunctions {

  public record ConfirmUploadRequest(String uploadId) {}

  @Inject ConfirmService service;
  @Inject RoutingContext context;

  @Funq
  public ConfirmResult confirmUpload(ConfirmUploadRequest request) {
    return service.confirm(Caller.of(context).contributor(), request.uploadId());
  }
}
