package org.tengen.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the app for tests, with a stand-in Lambda package (a real one is 30 MB). */
final class Synth {

  private Synth() {}

  static Path standInZip() {
    try {
      Path zip = Files.createTempFile("tengen-function", ".zip");
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
        out.putNextEntry(new ZipEntry("README"));
        out.write("stand-in for functions/target/function.zip".getBytes());
        out.closeEntry();
      }
      zip.toFile().deleteOnExit();
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TengenApp.Stacks stacks(String environment) {
    return stacks(environment, Map.of());
  }

  static TengenApp.Stacks stacks(String environment, Map<String, Object> more) {
    Path zip = standInZip();
    Map<String, Object> context = new java.util.HashMap<>(more);
    context.put("environment", environment);
    context.put("functionsZip", zip.toString());
    context.put("adminKeySha256", "ab".repeat(32));
    App app = new App();
    return TengenApp.build(app, DeploymentConfig.from(context::get));
  }

  static Template storage(String environment) {
    return Template.fromStack(stacks(environment).storage());
  }

  static Template functions() {
    return Template.fromStack(stacks("dev").functions());
  }

  static Template observability() {
    return Template.fromStack(stacks("dev").observability());
  }

  static Template compute() {
    return Template.fromStack(stacks("dev").compute());
  }
}
