package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tengen.core.storage.CounterKeys;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;
import software.amazon.awscdk.assertions.Template;

/**
 * The CDK stack, core's definitions and the LocalStack init script describe the same tables (keys,
 * attribute types, indexes, time to live) and the same prefixes: LocalStack tests what AWS gets.
 */
class ParityTest {

  /** A table as all three sources can state it. */
  record Shape(
      String hash, String range, Set<String> attributes, Set<String> indexes, String ttl) {}

  private static final Path SCRIPT = Path.of("..", "localstack", "init", "ready.d", "10-tengen.sh");

  static Map<String, Shape> fromCore() {
    Map<String, Shape> out = new TreeMap<>();
    for (TableDefinition t : Tables.ALL) {
      Set<String> attributes = new TreeSet<>();
      for (TableDefinition.Key k : t.keyAttributes()) {
        attributes.add(k.name() + ":" + (k.type() == TableDefinition.KeyType.STRING ? "S" : "N"));
      }
      Set<String> indexes = new TreeSet<>();
      for (TableDefinition.Index i : t.indexes()) {
        indexes.add(
            i.name()
                + ":"
                + i.partitionKey().name()
                + ":"
                + i.sortKey().map(TableDefinition.Key::name).orElse(""));
      }
      out.put(
          t.baseName(),
          new Shape(
              t.partitionKey().name(),
              t.sortKey().map(TableDefinition.Key::name).orElse(""),
              attributes,
              indexes,
              t.ttlAttribute().orElse("")));
    }
    return out;
  }

  static Map<String, Shape> fromTemplate(Template template, String prefix) {
    ObjectMapper json = new ObjectMapper();
    Map<String, Shape> out = new TreeMap<>();
    for (Map<String, Object> r : template.findResources("AWS::DynamoDB::GlobalTable").values()) {
      JsonNode p = json.valueToTree(r.get("Properties"));
      String name = p.get("TableName").asText();
      assertTrue(name.startsWith(prefix + "-"), name);
      String[] keys = keys(p.get("KeySchema"));
      Set<String> attributes = new TreeSet<>();
      p.get("AttributeDefinitions")
          .forEach(
              a ->
                  attributes.add(
                      a.get("AttributeName").asText() + ":" + a.get("AttributeType").asText()));
      Set<String> indexes = new TreeSet<>();
      if (p.has("GlobalSecondaryIndexes")) {
        p.get("GlobalSecondaryIndexes")
            .forEach(
                i -> {
                  String[] k = keys(i.get("KeySchema"));
                  indexes.add(i.get("IndexName").asText() + ":" + k[0] + ":" + k[1]);
                  assertEquals("ALL", i.get("Projection").get("ProjectionType").asText());
                });
      }
      String ttl =
          p.has("TimeToLiveSpecification")
                  && p.get("TimeToLiveSpecification").get("Enabled").asBoolean()
              ? p.get("TimeToLiveSpecification").get("AttributeName").asText()
              : "";
      out.put(
          name.substring(prefix.length() + 1),
          new Shape(keys[0], keys[1], attributes, indexes, ttl));
    }
    return out;
  }

  static Map<String, Shape> fromScript(String script) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Shape> out = new TreeMap<>();
    Matcher create =
        Pattern.compile(
                "create-table --table-name \"\\$PREFIX-(\\w+)\"(.*?)\\n(?=\\S|\\s*awslocal dynamodb update|fi)",
                Pattern.DOTALL)
            .matcher(script);
    while (create.find()) {
      String name = create.group(1);
      String body = create.group(2);
      Set<String> attributes = new TreeSet<>();
      Matcher a = Pattern.compile("AttributeName=(\\w+),AttributeType=(\\w)").matcher(body);
      while (a.find()) {
        attributes.add(a.group(1) + ":" + a.group(2));
      }
      String hash = match(body, "AttributeName=(\\w+),KeyType=HASH").orElseThrow();
      String range = match(body, "AttributeName=(\\w+),KeyType=RANGE").orElse("");
      Set<String> indexes = new TreeSet<>();
      Optional<String> gsi = match(body, "--global-secondary-indexes '([^']*)'");
      if (gsi.isPresent()) {
        for (JsonNode i : json.readTree(gsi.get())) {
          String[] k = keys(i.get("KeySchema"));
          indexes.add(i.get("IndexName").asText() + ":" + k[0] + ":" + k[1]);
        }
      }
      String ttl =
          match(
                  script,
                  "update-time-to-live --table-name \"\\$PREFIX-"
                      + name
                      + "\" \\\\\\s*--time-to-live-specification Enabled=true,AttributeName=(\\w+)")
              .orElse("");
      out.put(name, new Shape(hash, range, attributes, indexes, ttl));
    }
    return out;
  }

  private static Optional<String> match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String[] keys(JsonNode schema) {
    String hash = "";
    String range = "";
    for (JsonNode k : schema) {
      if (k.get("KeyType").asText().equals("HASH")) {
        hash = k.get("AttributeName").asText();
      } else {
        range = k.get("AttributeName").asText();
      }
    }
    return new String[] {hash, range};
  }

  @Test
  void theStackTheCoreAndTheLocalStackScriptDefineTheSameTables() throws Exception {
    Map<String, Shape> core = fromCore();
    Map<String, Shape> stack = fromTemplate(Synth.storage("dev"), "tengen-dev");
    Map<String, Shape> script = fromScript(Files.readString(SCRIPT));
    assertEquals(6, core.size());
    assertEquals(core, stack, "the CDK stack's tables");
    assertEquals(core, script, "the LocalStack init script's tables");
    assertTrue(core.get("uploads").ttl().equals("expires_at"), "the parser sees a TTL");
  }

  @Test
  void theLifecycleRulesNameTheCoresPrefixes() {
    Template t = Synth.storage("dev");
    ObjectMapper json = new ObjectMapper();
    List<String> prefixes = new ArrayList<>();
    for (Map<String, Object> b : t.findResources("AWS::S3::Bucket").values()) {
      JsonNode rules =
          json.valueToTree(b.get("Properties")).get("LifecycleConfiguration").get("Rules");
      rules.forEach(r -> prefixes.add(r.path("Prefix").asText("")));
    }
    Set<String> layout =
        Set.of(
            StorageLayout.INCOMING,
            StorageLayout.REJECTED,
            StorageLayout.TRAINING_DATA,
            StorageLayout.SGF,
            StorageLayout.NETWORKS,
            StorageLayout.CHECKPOINTS,
            "");
    assertTrue(layout.containsAll(prefixes), prefixes.toString());
    assertTrue(prefixes.containsAll(List.of(StorageLayout.INCOMING, StorageLayout.REJECTED)));
  }

  @Test
  void theTrainingScheduleReadsTheCounterItemsTheFunctionsWrite() {
    Map<String, Map<String, Object>> machines =
        Synth.compute().findResources("AWS::StepFunctions::StateMachine");
    String definition =
        new ObjectMapper()
            .valueToTree(machines.values().iterator().next())
            .at("/Properties/DefinitionString")
            .toString()
            .replace("\\\"", "\"");
    Matcher keys =
        Pattern.compile(
                "\"Key\":\\{\"([a-z_]+)\":\\{\"S\":\"([^\"]+)\"\\},\"([a-z_]+)\":\\{\"S\":\"([^\"]+)\"")
            .matcher(definition);
    Set<String> items = new TreeSet<>();
    while (keys.find()) {
      // The two key attributes, in whichever order the template lists them.
      Map<String, String> key = Map.of(keys.group(1), keys.group(2), keys.group(3), keys.group(4));
      assertEquals(
          Set.of(CounterKeys.SCOPE, CounterKeys.PERIOD), key.keySet(), "the counters table's key");
      items.add(key.get(CounterKeys.SCOPE) + " / " + key.get(CounterKeys.PERIOD));
    }
    String run = items.stream().filter(i -> i.startsWith("run#")).findFirst().orElseThrow();
    run = run.substring("run#".length(), run.indexOf(' '));
    // The functions count a run's positions under CounterKeys.run(run) / TOTAL (Counters).
    assertEquals(
        Set.of(
            CounterKeys.run(run) + " / " + CounterKeys.TOTAL,
            CounterKeys.training(run) + " / " + CounterKeys.LAST,
            CounterKeys.training(run) + " / " + CounterKeys.LOCK),
        items,
        definition);
    assertEquals(Tables.COUNTERS.partitionKey().name(), CounterKeys.SCOPE);
    assertTrue(definition.contains("$.Attributes." + CounterKeys.POSITIONS + ".N"));
  }
}
