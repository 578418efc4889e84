package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What can be checked of the training image without Docker. */
class DockerfileTest {

  private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile");

  @Test
  void theImageCopiesThisBuildsJarAndItsEntrypointTakesSageMakersTrain() throws Exception {
    String text = Files.readString(DOCKERFILE);
    String jar = System.getProperty("tengen.training.jar");
    Assumptions.assumeTrue(jar != null, "run through Maven, which names the jar");
    assertTrue(text.contains("cp training-job/target/" + jar + " /out/tengen-training-job.jar"));
    Matcher entry =
        Pattern.compile("ENTRYPOINT \\[.*\"(org\\.tengen\\.[\\w.]+)\"\\]").matcher(text);
    assertTrue(entry.find());
    assertEquals(TrainMain.class.getName(), entry.group(1));
    assertTrue(text.contains("CMD [\"train\"]"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(
        0,
        TrainMain.run(
            new String[] {"train", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--ml-root"));
    assertTrue(text.contains("PYTORCH_FLAVOR=cu128"));
    // SageMaker's /opt/ml mounts belong to root: a USER other than root could not write them.
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
    assertTrue(!user.find() || user.group(1).equals("root"), "the job runs as SageMaker's root");
  }
}
