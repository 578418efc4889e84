package org.tengen.functions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** -Plocalstack tests what a developer gets from localstack/docker-compose.yml. */
class TestCloudTest {

  @Test
  void theLocalStackTestsRunTheComposeFilesImageWithCheckedSignatures() throws Exception {
    String compose = Files.readString(Path.of("..", "localstack", "docker-compose.yml"));
    assertTrue(
        compose.contains("image: " + TestCloud.LOCALSTACK_IMAGE + "\n"),
        "docker-compose.yml and TestCloud name the same LocalStack image");
    assertTrue(compose.contains("S3_SKIP_SIGNATURE_VALIDATION: \"0\""));
    assertTrue(Files.isRegularFile(Path.of("..", "localstack", "init", "ready.d", "10-tengen.sh")));
  }
}
