package org.tengen.functions.tasks;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.functions.auth.Caller;
import org.tengen.functions.tasks.TaskService.Task;

/** nextTask: for contributors' workers. */
public class TaskFunctions {

  /** {@code prefer}: "selfplay" or "rating" for a worker that wants one kind; absent for either. */
  public record NextTaskRequest(String run, String prefer) {}

  public record RenewUploadRequest(String uploadId) {}

  @Inject TaskService service;
  @Inject RoutingContext context;

  @Funq
  public Task nextTask(NextTaskRequest request) {
    return service.nextTask(Caller.of(context).contributor(), request.run(), request.prefer());
  }

  @Funq
  public TaskService.UploadTarget renewUpload(RenewUploadRequest request) {
    return service.renewUpload(Caller.of(context).contributor(), request.uploadId());
  }
}
