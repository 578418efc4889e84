package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IntegrationPattern;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.AlgorithmSpecification;
import software.amazon.awscdk.services.stepfunctions.tasks.Channel;
import software.amazon.awscdk.services.stepfunctions.tasks.DataSource;
import software.amazon.awscdk.services.stepfunctions.tasks.DockerImage;
import software.amazon.awscdk.services.stepfunctions.tasks.OutputDataConfig;
import software.amazon.awscdk.services.stepfunctions.tasks.S3DataSource;
import software.amazon.awscdk.services.stepfunctions.tasks.S3Location;
import software.amazon.awscdk.services.stepfunctions.tasks.SageMakerCreateTrainingJob;

/**
 * The training machine's definition, walked state by state as Step Functions would for given task
 * outcomes (the states' Next, Catch and Choice rules, read from the synthesized template), and its
 * role's grants against those of CDK's own SageMaker task.
 */
class TrainingMachineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The machine's definition as JSON, with every CloudFormation token as the text TOKEN. */
  static JsonNode definition() throws Exception {
    Template t = Synth.compute();
    JsonNode machine =
        JSON.valueToTree(
            t.findResources("AWS::StepFunctions::StateMachine").values().iterator().next());
    JsonNode def = machine.at("/Properties/DefinitionString");
    StringBuilder text = new StringBuilder();
    if (def.isTextual()) {
      text.append(def.asText());
    } else {
      for (JsonNode part : def.get("Fn::Join").get(1)) {
        text.append(part.isTextual() ? part.asText() : "TOKEN");
      }
    }
    return JSON.readTree(text.toString());
  }

  /**
   * The states visited from the start: a task's outcome is "ok" or the error it raises (default
   * ok); a Choice takes the first rule whose StringEquals equals the outcome given for it, or whose
   * numeric comparison is given as "true"; otherwise its Default.
   */
  static List<String> walk(JsonNode def, Map<String, String> outcomes) {
    List<String> path = new ArrayList<>();
    String name = def.get("StartAt").asText();
    while (name != null && path.size() < 50) {
      path.add(name);
      JsonNode s = def.get("States").get(name);
      String outcome = outcomes.getOrDefault(name, "ok");
      String type = s.get("Type").asText();
      if (type.equals("Choice")) {
        String next = s.path("Default").asText(null);
        for (JsonNode rule : s.get("Choices")) {
          boolean taken =
              rule.has("StringEquals")
                  ? rule.get("StringEquals").asText().equals(outcome)
                  : outcome.equals("true");
          if (taken) {
            next = rule.get("Next").asText();
            break;
          }
        }
        name = next;
      } else if (!outcome.equals("ok")) {
        name = null;
        for (JsonNode c : s.path("Catch")) {
          Set<String> errors = new TreeSet<>();
          c.get("ErrorEquals").forEach(e -> errors.add(e.asText()));
          if (errors.contains(outcome) || errors.contains("States.ALL")) {
            name = c.get("Next").asText();
            break;
          }
        }
        if (name == null) {
          path.add("uncaught " + outcome);
        }
      } else {
        name = s.has("Next") ? s.get("Next").asText() : null;
      }
    }
    return path;
  }

  private static final String FAILED_CONDITION = "DynamoDB.ConditionalCheckFailedException";

  @Test
  void oneJobAtATimeAndALostReleaseIsTakenOver() throws Exception {
    JsonNode def = definition();
    List<String> free = walk(def, Map.of("EnoughNewGames", "true"));
    assertEquals(
        List.of(
            "ReadPositions",
            "ReadPositionsAtLastTraining",
            "Threshold",
            "EnoughNewGames",
            "TakeTrainingLock",
            "Train",
            "RememberPositions",
            "ReleaseTrainingLock",
            "ReleaseTrainingLockDone"),
        free);
    List<String> held =
        walk(
            def,
            Map.of(
                "EnoughNewGames", "true",
                "TakeTrainingLock", FAILED_CONDITION,
                "LockHolderRunning", "RUNNING"));
    assertFalse(held.contains("Train"), held.toString());
    assertEquals("AlreadyTraining", held.get(held.size() - 1), held.toString());
    assertTrue(held.contains("DescribeLockHolder"), held.toString());
    List<String> stale =
        walk(
            def,
            Map.of(
                "EnoughNewGames", "true",
                "TakeTrainingLock", FAILED_CONDITION,
                "LockHolderRunning", "ABORTED"));
    assertTrue(
        stale.indexOf("TakeOverTrainingLock") < stale.indexOf("Train")
            && stale.contains("ReleaseTrainingLock"),
        stale.toString());
    List<String> raced =
        walk(
            def,
            Map.of(
                "EnoughNewGames",
                "true",
                "TakeTrainingLock",
                FAILED_CONDITION,
                "LockHolderRunning",
                "SUCCEEDED",
                "TakeOverTrainingLock",
                FAILED_CONDITION));
    assertFalse(raced.contains("Train"), "another execution took it over first: " + raced);
    List<String> failed =
        walk(def, Map.of("EnoughNewGames", "true", "Train", "SageMaker.AmazonSageMakerException"));
    assertEquals(
        List.of(
            "ReleaseTrainingLockAfterFailure",
            "ReleaseTrainingLockAfterFailureDone",
            "TrainingFailed"),
        failed.subList(failed.indexOf("Train") + 1, failed.size()));
    assertEquals("Fail", def.at("/States/TrainingFailed/Type").asText());
    List<String> notYet = walk(def, Map.of("EnoughNewGames", "false"));
    assertFalse(notYet.contains("TakeTrainingLock"), notYet.toString());
  }

  @Test
  void theLockIsConditionalOnItsHolder() throws Exception {
    JsonNode states = definition().get("States");
    assertEquals(
        "attribute_not_exists(#h)",
        states.at("/TakeTrainingLock/Parameters/ConditionExpression").asText());
    assertEquals(
        "#h = :old", states.at("/TakeOverTrainingLock/Parameters/ConditionExpression").asText());
    assertEquals(
        "#h = :me", states.at("/ReleaseTrainingLock/Parameters/ConditionExpression").asText());
    assertEquals(
        "$$.Execution.Id",
        states.at("/ReleaseTrainingLock/Parameters/ExpressionAttributeValues/:me/S.$").asText());
    // A training job name that fits SageMaker's 63 characters whatever the execution is called.
    assertEquals(
        "States.Format('kata1-{}', States.UUID())",
        states.at("/Train/Parameters/TrainingJobName.$").asText());
  }

  /** Every action of the statements of the policies attached to roles whose id starts so. */
  private static Set<String> actions(Template t, String rolePrefix) {
    Set<String> actions = new TreeSet<>();
    for (Object o : t.findResources("AWS::IAM::Policy").values()) {
      JsonNode p = JSON.valueToTree(o);
      boolean ours = false;
      for (JsonNode r : p.at("/Properties/Roles")) {
        ours |= r.path("Ref").asText().startsWith(rolePrefix);
      }
      if (!ours) {
        continue;
      }
      for (JsonNode st : p.at("/Properties/PolicyDocument/Statement")) {
        JsonNode a = st.get("Action");
        if (a.isArray()) {
          a.forEach(x -> actions.add(x.asText()));
        } else {
          actions.add(a.asText());
        }
      }
    }
    return actions;
  }

  @Test
  void theMachineMayDoWhatCdksOwnSageMakerTaskMay() {
    Stack reference = new Stack(Synth.app(), "Reference");
    Role role =
        Role.Builder.create(reference, "JobRole")
            .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
            .build();
    SageMakerCreateTrainingJob task =
        SageMakerCreateTrainingJob.Builder.create(reference, "Train")
            .integrationPattern(IntegrationPattern.RUN_JOB)
            .trainingJobName(JsonPath.stringAt("$.name"))
            .role(role)
            .algorithmSpecification(
                AlgorithmSpecification.builder()
                    .trainingImage(DockerImage.fromRegistry("example/training:latest"))
                    .build())
            .inputDataConfig(
                List.of(
                    Channel.builder()
                        .channelName("train")
                        .dataSource(
                            DataSource.builder()
                                .s3DataSource(
                                    S3DataSource.builder()
                                        .s3Location(S3Location.fromJsonExpression("$.input"))
                                        .build())
                                .build())
                        .build()))
            .outputDataConfig(
                OutputDataConfig.builder()
                    .s3OutputLocation(S3Location.fromJsonExpression("$.output"))
                    .build())
            .build();
    StateMachine.Builder.create(reference, "Machine")
        .definitionBody(DefinitionBody.fromChainable(task))
        .build();
    Set<String> cdk = actions(Template.fromStack(reference), "MachineRole");
    Set<String> ours = actions(Synth.compute(), "Trainer");
    Set<String> missing = new TreeSet<>(cdk);
    missing.removeAll(ours);
    assertTrue(
        !cdk.isEmpty() && missing.isEmpty(), "CDK's task grants " + cdk + "; ours lack " + missing);
  }
}
