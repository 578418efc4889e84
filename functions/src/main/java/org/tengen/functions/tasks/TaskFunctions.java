package org.tengen.functions.tasks;

import io.quarkus.funqy.Funq;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.tengen.functions.auth.Caller;
import org.tengen.functions.tasks.TaskService.Task;

/** nextTask: for contributors' workers. */
public class TaskFunctions {

  public record NextTaskRequest(String run) {}

  @Inject TaskService service;
  @Inject RoutingContext context;

  @Funq
  public Task nextTask(NextTaskRequest request) {
    return service.nextTask(Caller.of(context).contributor(), request.run());
  }
}
