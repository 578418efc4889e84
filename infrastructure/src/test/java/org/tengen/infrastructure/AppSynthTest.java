package org.tengen.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's main as {@code cdk synth} runs it (context in CDK_CONTEXT_JSON, output to CDK_OUTDIR),
 * offline: a cloud assembly with the four stacks' templates.
 */
class AppSynthTest {

  @Test
  void mainWritesACloudAssemblyWithEveryStack(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("cdk.out");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            TengenApp.class.getName());
    pb.environment().put("CDK_OUTDIR", out.toString());
    pb.environment()
        .put(
            "CDK_CONTEXT_JSON",
            "{\"environment\":\"prod\",\"functionsZip\":\""
                + Synth.standInZip()
                + "\",\"run\":\"kata1\"}");
    pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    // What cdk sets from the AWS profile.
    pb.environment().put("CDK_DEFAULT_ACCOUNT", Synth.ACCOUNT);
    pb.environment().put("CDK_DEFAULT_REGION", Synth.REGION);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("synth.log").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "synth finished");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("synth.log")));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    Set<String> stacks = new TreeSet<>();
    manifest.get("artifacts").fieldNames().forEachRemaining(stacks::add);
    assertTrue(
        stacks.containsAll(
            Set.of(
                "Tengen-prod-Edge",
                "Tengen-prod-Storage",
                "Tengen-prod-Functions",
                "Tengen-prod-Compute",
                "Tengen-prod-Observability")),
        stacks.toString());
    assertTrue(Files.isRegularFile(out.resolve("Tengen-prod-Storage.template.json")));
  }
}
