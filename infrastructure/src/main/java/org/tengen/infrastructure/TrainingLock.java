package org.tengen.infrastructure;

import java.util.List;
import java.util.Map;
import org.tengen.core.storage.CounterKeys;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoAttributeValue;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoDeleteItem;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoGetItem;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoPutItem;
import software.constructs.Construct;

/**
 * The states of the training machine's lock: an item in the counters table ({@code training#RUN} /
 * {@code lock}) whose {@code holder} is the execution that trains. Taken with {@code
 * attribute_not_exists}; when it is held, the holder is asked for (Step Functions'
 * DescribeExecution) and, if it no longer runs, taken over with {@code holder = :old}, so a release
 * lost to an aborted or timed-out execution does not stop training for good. Released with {@code
 * holder = :me}, so a late release never frees a lock taken over by another execution.
 */
final class TrainingLock {

  private static final String PERIOD = CounterKeys.LOCK;

  static final String HOLDER = "holder";
  static final String CONDITION_FAILED = "DynamoDB.ConditionalCheckFailedException";

  private final Construct scope;
  private final TableV2 counters;
  private final String run;
  private final String machineArn;

  TrainingLock(Construct scope, TableV2 counters, String run, String machineArn) {
    this.scope = scope;
    this.counters = counters;
    this.run = run;
    this.machineArn = machineArn;
  }

  private Map<String, DynamoAttributeValue> key() {
    return Map.of(
        CounterKeys.SCOPE, DynamoAttributeValue.fromString(CounterKeys.training(run)),
        CounterKeys.PERIOD, DynamoAttributeValue.fromString(PERIOD));
  }

  private DynamoPutItem put(String id, String condition, Map<String, DynamoAttributeValue> values) {
    Map<String, DynamoAttributeValue> item = new java.util.HashMap<>(key());
    item.put(HOLDER, thisExecution());
    item.put("since", DynamoAttributeValue.fromString(JsonPath.stringAt("$$.Execution.StartTime")));
    return DynamoPutItem.Builder.create(scope, id)
        .table(counters)
        .item(item)
        .conditionExpression(condition)
        .expressionAttributeNames(Map.of("#h", HOLDER))
        .expressionAttributeValues(values.isEmpty() ? null : values)
        .resultPath(JsonPath.DISCARD)
        .build();
  }

  /** The execution running the state: the lock's holder. */
  private static DynamoAttributeValue thisExecution() {
    return DynamoAttributeValue.fromString(JsonPath.stringAt("$$.Execution.Id"));
  }

  private static CatchProps on(String error) {
    return CatchProps.builder().errors(List.of(error)).resultPath("$.lockError").build();
  }

  /** Takes the lock, then {@code taken}; or, held by a running execution, {@code busy}. */
  IChainable take(IChainable taken, IChainable busy) {
    DynamoPutItem take = put("TakeTrainingLock", "attribute_not_exists(#h)", Map.of());
    DynamoGetItem read =
        DynamoGetItem.Builder.create(scope, "ReadTrainingLock")
            .table(counters)
            .key(key())
            .consistentRead(true)
            .resultSelector(Map.of("holder.$", "$.Item." + HOLDER + ".S"))
            .resultPath("$.lock")
            .build();
    CallAwsService describe =
        CallAwsService.Builder.create(scope, "DescribeLockHolder")
            .service("sfn")
            .action("describeExecution")
            .iamAction("states:DescribeExecution")
            .iamResources(List.of(machineArn.replace(":stateMachine:", ":execution:") + ":*"))
            .parameters(Map.of("ExecutionArn", JsonPath.stringAt("$.lock.holder")))
            .resultSelector(Map.of("status.$", "$.Status"))
            .resultPath("$.holderState")
            .build();
    DynamoPutItem takeOver =
        put(
            "TakeOverTrainingLock",
            "#h = :old",
            Map.of(":old", DynamoAttributeValue.fromString(JsonPath.stringAt("$.lock.holder"))));
    Choice running =
        Choice.Builder.create(scope, "LockHolderRunning")
            .build()
            .when(Condition.stringEquals("$.holderState.status", "RUNNING"), busy)
            .otherwise(takeOver);
    take.addCatch(read, on(CONDITION_FAILED));
    take.next(taken);
    // Released between the two reads, or a holder the service no longer knows: look again next
    // time rather than loop here.
    read.addCatch(busy, on(Errors.ALL));
    read.next(describe);
    describe.addCatch(takeOver, on("Sfn.ExecutionDoesNotExistException"));
    describe.addCatch(busy, on(Errors.ALL));
    describe.next(running);
    takeOver.addCatch(busy, on(CONDITION_FAILED));
    takeOver.next(taken);
    return take;
  }

  /**
   * A state that releases the lock if this execution still holds it (taken over, it is not this
   * execution's to release: that is not an error).
   */
  Chain release(String id) {
    DynamoDeleteItem delete =
        DynamoDeleteItem.Builder.create(scope, id)
            .table(counters)
            .key(key())
            .conditionExpression("#h = :me")
            .expressionAttributeNames(Map.of("#h", HOLDER))
            .expressionAttributeValues(Map.of(":me", thisExecution()))
            .resultPath(JsonPath.DISCARD)
            .build();
    Pass done = Pass.Builder.create(scope, id + "Done").build();
    delete.addCatch(done, on(CONDITION_FAILED));
    return delete.next(done);
  }
}
