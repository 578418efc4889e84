package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflow cannot run here; this reads it as YAML and checks what it promises: the
 * README's test command on Java 17, the LocalStack job, the CDK synth.
 */
class WorkflowTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theWorkflowRunsTheBuildTheLocalStackTestsAndTheSynth() throws Exception {
    JsonNode ci =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve(".github/workflows/ci.yml").toFile());
    Set<String> jobs = new TreeSet<>();
    ci.get("jobs").fieldNames().forEachRemaining(jobs::add);
    assertEquals(Set.of("verify", "localstack", "cdk-synth"), jobs);
    for (JsonNode job : ci.get("jobs")) {
      assertTrue(job.has("runs-on") && job.has("timeout-minutes"), job.toString());
      boolean java17 = false;
      for (JsonNode step : job.get("steps")) {
        assertTrue(step.has("uses") || step.has("run"), "a step does something: " + step);
        if (step.path("uses").asText().startsWith("actions/setup-java")) {
          java17 = step.at("/with/java-version").asText().equals("17");
        }
      }
      assertTrue(java17, "Java 17 in " + job);
    }
    String verify = ci.at("/jobs/verify").toString();
    assertTrue(verify.contains("bash .ci/run"), verify);
    assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("./tengen test"));
    String localstack = ci.at("/jobs/localstack").toString();
    assertTrue(
        localstack.contains("-Plocalstack") && localstack.contains("TENGEN_LOCALSTACK_ENDPOINT"));
    assertTrue(localstack.contains("localstack/docker-compose.yml"));
    assertTrue(Files.isRegularFile(ROOT.resolve("localstack/docker-compose.yml")));
    String synth = ci.at("/jobs/cdk-synth").toString();
    assertTrue(synth.contains("synth") && synth.contains("./tengen lambda"), synth);
    assertTrue(Files.isRegularFile(Path.of("cdk.json")), "the synth job runs where cdk.json is");
  }
}
