package org.tengen.infrastructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tengen.core.storage.CounterKeys;
import org.tengen.core.storage.StorageLayout;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CustomState;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoAttributeValue;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoReturnValues;
import software.amazon.awscdk.services.stepfunctions.tasks.DynamoUpdateItem;
import software.constructs.Construct;

/**
 * What runs the models: the image repositories of the worker and the training job, the training
 * job's SageMaker role, and the schedule that starts a training job when enough new data has come
 * in (a Step Functions machine: read the run's position count and the count at the last training,
 * compare, train with SageMaker on spot capacity, remember the count).
 *
 * <p>Somewhat over 400 lines because a Step Functions definition reads best in one place, state by
 * state; the optional self-play fleet is the only other part.
 */
public final class ComputeStack extends Stack {

  private final Repository workerImages;
  private final Repository trainingImages;
  private final Role trainingRole;
  private final StateMachine trainer;
  private final Secret trainerKey;

  public ComputeStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentConfig config,
      StorageStack storage,
      FunctionsStack functions) {
    super(scope, id, props);
    RemovalPolicy removal = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    workerImages = repository("WorkerImages", config.prefix() + "-worker", config, removal);
    trainingImages = repository("TrainingImages", config.prefix() + "-training", config, removal);

    // The trainer key the job registers networks with: the functions stack draws it.
    trainerKey = functions.trainerKey();

    Bucket bucket = storage.bucket();
    trainingRole =
        Role.Builder.create(this, "TrainingRole")
            .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
            .description("SageMaker training jobs of Tengen: read games, write networks")
            .build();
    trainingRole.addToPolicy(
        Policies.onObjects(
            List.of("s3:GetObject"),
            bucket,
            StorageLayout.TRAINING_DATA,
            StorageLayout.NETWORKS,
            StorageLayout.CHECKPOINTS));
    trainingRole.addToPolicy(
        Policies.onObjects(
            List.of("s3:PutObject"), bucket, StorageLayout.NETWORKS, StorageLayout.CHECKPOINTS));
    trainingRole.addToPolicy(
        Policies.listUnder(
            bucket,
            StorageLayout.TRAINING_DATA,
            StorageLayout.NETWORKS,
            StorageLayout.CHECKPOINTS));
    trainingImages.grantPull(trainingRole);
    trainerKey.grantRead(trainingRole);
    trainingRole.addToPolicy(
        Policies.allow(
            List.of(
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams"),
            List.of(
                "arn:"
                    + getPartition()
                    + ":logs:"
                    + getRegion()
                    + ":"
                    + getAccount()
                    + ":log-group:/aws/sagemaker/TrainingJobs*")));

    trainer = trainingMachine(config, storage, functions);
    Schedule.Builder.create(this, "TrainingSchedule")
        .description("Looks for enough new games to train on")
        .schedule(ScheduleExpression.expression(config.trainingSchedule()))
        .target(StepFunctionsStartExecution.Builder.create(trainer).build())
        .build();

    CfnOutput.Builder.create(this, "WorkerImageRepository")
        .value(workerImages.getRepositoryUri())
        .build();
    CfnOutput.Builder.create(this, "TrainingImageRepository")
        .value(trainingImages.getRepositoryUri())
        .build();
  }

  private Repository repository(
      String id, String name, DeploymentConfig config, RemovalPolicy removal) {
    return Repository.Builder.create(this, id)
        .repositoryName(name)
        .imageScanOnPush(true)
        .lifecycleRules(
            List.of(
                LifecycleRule.builder()
                    .description("keep the newest " + config.keepImages() + " images")
                    .maxImageCount(config.keepImages())
                    .build()))
        .removalPolicy(removal)
        .emptyOnDelete(!config.production())
        .build();
  }

  private StateMachine trainingMachine(
      DeploymentConfig config, StorageStack storage, FunctionsStack functions) {
    TableV2 counters = storage.tables().get("counters");
    String run = config.run();
    DynamoUpdateItem readTotal =
        readPositions(
            "ReadPositions", counters, CounterKeys.run(run), CounterKeys.TOTAL, "$.total");
    DynamoUpdateItem readLast =
        readPositions(
            "ReadPositionsAtLastTraining",
            counters,
            CounterKeys.training(run),
            CounterKeys.LAST,
            "$.last");
    // States.MathAdd works on 32-bit integers: a run past 2^31 positions needs a wider sum.
    Pass threshold =
        Pass.Builder.create(this, "Threshold")
            .parameters(
                Map.of(
                    "total.$",
                    "$.total.value",
                    "due.$",
                    "States.MathAdd($.last.value, " + config.minNewRows() + ")"))
            .build();

    String bucketName = storage.bucket().getBucketName();
    Map<String, Object> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("run", run);
    hyperparameters.put("steps", Integer.toString(config.trainingSteps()));
    hyperparameters.put("s3_bucket", bucketName);
    hyperparameters.put("aws_region", getRegion());
    hyperparameters.put("s3_train_prefix", StorageLayout.TRAINING_DATA + run + "/");
    hyperparameters.put("continue_from_latest", "true");
    // The registration goes to the admin API: the contributor API answers only its edge.
    hyperparameters.put("backend_url", functions.adminApi().getApiEndpoint());
    hyperparameters.put("trainer_key_secret", trainerKey.getSecretArn());
    hyperparameters.put("data_rows.$", "States.Format('{}', $.total)");
    Map<String, Object> parameters = new LinkedHashMap<>();
    // <run>-<uuid>: 63 characters at most for any run name that createRun and the context
    // accept (RunId.forNewRun). The execution's own name can be up to 80 characters.
    parameters.put("TrainingJobName.$", "States.Format('" + run + "-{}', States.UUID())");
    parameters.put(
        "AlgorithmSpecification",
        Map.of(
            "TrainingImage",
            trainingImages.getRepositoryUri() + ":latest",
            "TrainingInputMode",
            "File"));
    parameters.put("RoleArn", trainingRole.getRoleArn());
    parameters.put("HyperParameters", hyperparameters);
    parameters.put(
        "OutputDataConfig",
        Map.of(
            "S3OutputPath",
            "s3://" + bucketName + "/" + StorageLayout.CHECKPOINTS + run + "/output/"));
    parameters.put(
        "CheckpointConfig",
        Map.of(
            "S3Uri",
            "s3://" + bucketName + "/" + StorageLayout.CHECKPOINTS + run + "/latest/",
            "LocalPath",
            "/opt/ml/checkpoints"));
    parameters.put(
        "ResourceConfig",
        Map.of(
            "InstanceCount", 1,
            "InstanceType", config.trainingInstanceType(),
            "VolumeSizeInGB", 100));
    parameters.put("EnableManagedSpotTraining", true);
    parameters.put(
        "StoppingCondition",
        Map.of(
            "MaxRuntimeInSeconds", config.trainingMaxHours() * 3600,
            "MaxWaitTimeInSeconds", config.trainingMaxHours() * 2 * 3600));
    Map<String, Object> trainState = new LinkedHashMap<>();
    trainState.put("Type", "Task");
    trainState.put(
        "Resource", "arn:" + getPartition() + ":states:::sagemaker:createTrainingJob.sync");
    trainState.put("Parameters", parameters);
    trainState.put("ResultPath", "$.training");
    CustomState train = CustomState.Builder.create(this, "Train").stateJson(trainState).build();

    DynamoUpdateItem remember =
        DynamoUpdateItem.Builder.create(this, "RememberPositions")
            .table(counters)
            .key(
                Map.of(
                    CounterKeys.SCOPE,
                    DynamoAttributeValue.fromString(CounterKeys.training(run)),
                    CounterKeys.PERIOD,
                    DynamoAttributeValue.fromString(CounterKeys.LAST)))
            .updateExpression("SET " + CounterKeys.POSITIONS + " = :t")
            .expressionAttributeValues(
                Map.of(
                    ":t",
                    DynamoAttributeValue.numberFromString(
                        JsonPath.format("{}", JsonPath.stringAt("$.total")))))
            .resultPath(JsonPath.DISCARD)
            .build();

    // One training job at a time: a job may outlast the schedule's period (up to
    // trainingMaxHours, waiting for spot up to twice that), and two jobs would write the same
    // checkpoints. The lock is an item naming the execution that holds it, taken with a
    // condition; a holder that is no longer running (aborted, timed out) is taken over, again
    // with a condition, so that a lost release never stops training for good.
    TrainingLock lock = new TrainingLock(this, counters, run, machineArn(config));
    Chain released = lock.release("ReleaseTrainingLock");
    Succeed busy = Succeed.Builder.create(this, "AlreadyTraining").build();
    train.addCatch(
        lock.release("ReleaseTrainingLockAfterFailure")
            .next(Fail.Builder.create(this, "TrainingFailed").build()),
        CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error").build());
    Choice enough =
        Choice.Builder.create(this, "EnoughNewGames")
            .comment("at least minNewRows positions since the last training")
            .build()
            .when(
                Condition.numberGreaterThanEqualsJsonPath("$.total", "$.due"),
                lock.take(train.next(remember).next(released), busy))
            .otherwise(Succeed.Builder.create(this, "NotYet").build());

    StateMachine machine =
        StateMachine.Builder.create(this, "Trainer")
            .stateMachineName(config.prefix() + "-trainer")
            .definitionBody(
                DefinitionBody.fromChainable(readTotal.next(readLast).next(threshold).next(enough)))
            .timeout(Duration.hours(config.trainingMaxHours() * 2L + 1))
            .build();
    // What the .sync SageMaker integration does on the machine's behalf.
    machine.addToRolePolicy(
        Policies.allow(
            List.of(
                "sagemaker:CreateTrainingJob",
                "sagemaker:DescribeTrainingJob",
                "sagemaker:StopTrainingJob",
                "sagemaker:AddTags"),
            List.of(
                "arn:"
                    + getPartition()
                    + ":sagemaker:"
                    + getRegion()
                    + ":"
                    + getAccount()
                    + ":training-job/"
                    + run
                    + "-*")));
    // The .sync integration reads the job's tags; SageMaker's ListTags has no resource-level
    // permission for this use (CDK's own SageMakerCreateTrainingJob task grants it on *).
    machine.addToRolePolicy(Policies.allow(List.of("sagemaker:ListTags"), List.of("*")));
    machine.addToRolePolicy(
        Policies.allow(
            List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
            List.of(
                "arn:"
                    + getPartition()
                    + ":events:"
                    + getRegion()
                    + ":"
                    + getAccount()
                    + ":rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule")));
    machine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("iam:PassRole"))
            .resources(List.of(trainingRole.getRoleArn()))
            .conditions(
                Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
            .build());
    return machine;
  }

  /** The machine's ARN, from its name: the lock's states need it inside its own definition. */
  private String machineArn(DeploymentConfig config) {
    return "arn:"
        + getPartition()
        + ":states:"
        + getRegion()
        + ":"
        + getAccount()
        + ":stateMachine:"
        + config.prefix()
        + "-trainer";
  }

  /**
   * A counter item's {@code positions}, as a number at {@code resultPath}.value; reading with ADD 0
   * creates it at 0 when the run has none yet.
   */
  private DynamoUpdateItem readPositions(
      String id, TableV2 counters, String scope, String period, String resultPath) {
    return DynamoUpdateItem.Builder.create(this, id)
        .table(counters)
        .key(
            Map.of(
                CounterKeys.SCOPE, DynamoAttributeValue.fromString(scope),
                CounterKeys.PERIOD, DynamoAttributeValue.fromString(period)))
        .updateExpression("ADD " + CounterKeys.POSITIONS + " :zero")
        .expressionAttributeValues(Map.of(":zero", DynamoAttributeValue.fromNumber(0)))
        .returnValues(DynamoReturnValues.ALL_NEW)
        .resultSelector(
            Map.of("value.$", "States.StringToJson($.Attributes." + CounterKeys.POSITIONS + ".N)"))
        .resultPath(resultPath)
        .build();
  }

  public Repository workerImages() {
    return workerImages;
  }

  public Repository trainingImages() {
    return trainingImages;
  }

  public Role trainingRole() {
    return trainingRole;
  }

  public StateMachine trainer() {
    return trainer;
  }
}
