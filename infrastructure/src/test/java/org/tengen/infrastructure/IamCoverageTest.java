package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every S3 and DynamoDB operation that the functions made during their test suite (recorded by the
 * functions' tests in {@code functions/target/sdk-operations/}) is one that the synthesized
 * Functions stack's IAM statements allow on that table or prefix: an operation the Lambda's role
 * would refuse on AWS (a Scan, a new prefix) fails here, not in production.
 */
class IamCoverageTest {

  private static final Path LEDGER = Path.of("../functions/target/sdk-operations");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A statement flattened: its actions, its resources as text, its conditions as text. */
  record Grant(Set<String> actions, List<String> resources, String conditions) {}

  static List<Grant> grants(Template functions) {
    List<Grant> grants = new ArrayList<>();
    for (Object o : functions.findResources("AWS::IAM::Policy").values()) {
      for (JsonNode st : JSON.valueToTree(o).at("/Properties/PolicyDocument/Statement")) {
        if (!"Allow".equals(st.path("Effect").asText())) {
          continue;
        }
        Set<String> actions = new TreeSet<>();
        JsonNode a = st.get("Action");
        (a.isArray() ? a : JSON.createArrayNode().add(a)).forEach(x -> actions.add(x.asText()));
        List<String> resources = new ArrayList<>();
        JsonNode r = st.get("Resource");
        (r.isArray() ? r : JSON.createArrayNode().add(r)).forEach(x -> resources.add(x.toString()));
        grants.add(new Grant(actions, resources, st.path("Condition").toString()));
      }
    }
    return grants;
  }

  /** Whether a grant allows {@code action} on {@code resource} as the ledger names it. */
  static boolean allows(List<Grant> grants, String action, String resource) {
    for (Grant g : grants) {
      if (!g.actions().contains(action)) {
        continue;
      }
      if (action.startsWith("dynamodb:")) {
        boolean index = resource.endsWith("/index");
        String table = index ? resource.substring(0, resource.length() - 6) : resource;
        for (String res : g.resources()) {
          // Table ARNs are imported from the storage stack: their export names the table's id.
          boolean thatTable = res.toLowerCase().contains("table" + table.toLowerCase());
          if (thatTable && index == res.contains("/index/")) {
            return true;
          }
        }
      } else if (action.equals("s3:ListBucket")) {
        if (g.conditions().contains("\"" + resource + "*\"")
            || g.conditions().contains("\"" + resource + "\"")) {
          return true;
        }
      } else {
        for (String res : g.resources()) {
          if (res.contains("/" + resource + "*")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void everyOperationTheFunctionsMadeIsGranted() throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(LEDGER),
        "the functions' tests have not run in this build (mvn verify runs them first)");
    Set<String> lines = new TreeSet<>();
    try (Stream<Path> files = Files.list(LEDGER)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    assertTrue(lines.size() > 10, "too few operations recorded to mean anything: " + lines);
    List<Grant> grants = grants(Template.fromStack(Synth.stacks("dev").functions()));
    List<String> refused = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t", 2);
      if (!allows(grants, f[0], f.length > 1 ? f[1] : "")) {
        refused.add(line);
      }
    }
    assertTrue(refused.isEmpty(), "operations the Lambda's role does not grant: " + refused);
  }

  @Test
  void theCheckItselfRefusesWhatIsNotGranted() {
    List<Grant> grants = grants(Template.fromStack(Synth.stacks("dev").functions()));
    assertTrue(allows(grants, "dynamodb:GetItem", "contributors"));
    assertTrue(allows(grants, "dynamodb:Query", "contributors/index"));
    assertTrue(allows(grants, "s3:PutObject", "incoming/"));
    assertTrue(!allows(grants, "dynamodb:Scan", "contributors"), "no scan is granted");
    assertTrue(!allows(grants, "s3:DeleteObject", "networks/"), "networks are never deleted");
    assertTrue(!allows(grants, "s3:PutObject", "checkpoints/"));
  }
}
