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

  /** The account and region the tests deploy to: not us-east-1, so the edge is cross-region. */
  static final String ACCOUNT = "123456789012";

  static final String REGION = "eu-central-1";

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

  /**
   * An app that synthesizes under target/ rather than CDK's default, a new cdk.out folder in the
   * system's temp directory per app that nothing removes (hundreds per test run).
   */
  static App app() {
    try {
      Path root = Files.createDirectories(Path.of("target", "cdk-test"));
      return App.Builder.create()
          .outdir(Files.createTempDirectory(root, "cdk.out").toString())
          .build();
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
    return TengenApp.build(app(), DeploymentConfig.from(context::get), ACCOUNT, REGION);
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

  static Template edge() {
    return Template.fromStack(stacks("dev").edge());
  }

  static Template compute() {
    return Template.fromStack(stacks("dev").compute());
  }
}
