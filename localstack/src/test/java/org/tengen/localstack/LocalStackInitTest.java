package org.tengen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tengen.core.storage.TableDefinition;
import org.tengen.core.storage.Tables;

class LocalStackInitTest {

  /** Surefire runs in the module folder; the script lies in init/ready.d there. */
  private static final Path COMMITTED = Path.of("init", "ready.d", "10-tengen.sh");

  @Test
  void theCommittedScriptMatchesCoresDefinitions() throws Exception {
    LocalCloud.Options o = LocalCloud.Options.inMemory();
    String expected = LocalStackInit.script(o.bucket(), o.tablePrefix());
    assertEquals(
        expected,
        Files.readString(COMMITTED),
        "localstack/init/ready.d/10-tengen.sh is stale: regenerate it with LocalStackInit (see its header)");
    assertTrue(Files.isExecutable(COMMITTED), "LocalStack runs only executable init scripts");
    for (TableDefinition t : Tables.ALL) {
      assertTrue(expected.contains("\"$PREFIX-" + t.baseName() + "\""), t.baseName());
    }
  }

  @Test
  void theScriptIsValidBash() throws Exception {
    Process p =
        new ProcessBuilder("bash", "-n", COMMITTED.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void composeMountsTheInitFolderAndRunsBothServices() throws Exception {
    String compose = Files.readString(Path.of("docker-compose.yml"));
    assertTrue(compose.contains("SERVICES: s3,dynamodb"));
    assertTrue(compose.contains("./init/ready.d:/etc/localstack/init/ready.d"));
  }
}
