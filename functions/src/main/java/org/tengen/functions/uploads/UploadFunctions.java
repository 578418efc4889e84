package org.tengen.functions.uploads;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.core.api.UploadApi.ConfirmResult;
import org.tengen.core.api.UploadApi.ConfirmUploadRequest;
import org.tengen.functions.auth.Caller;

/** confirmUpload: for contributors' workers, after the presigned PUT. */
public class UploadFunctions {

  @Inject ConfirmService service;
  @Inject RoutingContext context;

  @Funq
  public ConfirmResult confirmUpload(ConfirmUploadRequest request) {
    return service.confirm(Caller.of(context).contributor(), request.uploadId());
  }
}
