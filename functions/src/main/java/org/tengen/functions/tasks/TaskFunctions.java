package org.tengen.functions.tasks;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.core.api.TaskApi.NextTaskRequest;
import org.tengen.core.api.TaskApi.RenewUploadRequest;
import org.tengen.core.api.TaskApi.Task;
import org.tengen.core.api.TaskApi.UploadTarget;
import org.tengen.functions.auth.Caller;

/** nextTask: for contributors' workers. */
public class TaskFunctions {

  @Inject TaskService service;
  @Inject RoutingContext context;

  @Funq
  public Task nextTask(NextTaskRequest request) {
    return service.nextTask(Caller.of(context).contributor(), request.run(), request.prefer());
  }

  @Funq
  public UploadTarget renewUpload(RenewUploadRequest request) {
    return service.renewUpload(Caller.of(context).contributor(), request.uploadId());
  }
}
