package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that continues an earlier one numbers its jobs after the earlier run's. */
class TrainingJobsTest {

  @Test
  void aContinuedRunNeverReusesAnEarlierJobsFolder(@TempDir Path dir) throws Exception {
    LoopOptions o =
        LocalLoopCommand.parse("--root", dir.toString(), "--data", dir.resolve("data").toString());
    TrainingJobs jobs = new TrainingJobs(o, new Programs(dir));
    assertEquals(1, jobs.nextJob(), "a fresh data folder starts at job 1");
    // The earlier run's jobs 1 to 23; job 1's folder still holds the model it started from.
    for (int j = 1; j <= 23; j++) {
      Files.createDirectories(jobs.folder(j).resolve("input/data/model"));
    }
    Files.writeString(
        jobs.folder(1).resolve("input/data/model/local-b2c32-s0-d0.bin.gz"), "the first network");
    Files.createDirectories(o.data().resolve("training/notes"));
    Files.writeString(o.data().resolve("training/job-099.txt"), "not a folder");
    assertEquals(24, jobs.nextJob());
    assertEquals("job-024", jobs.folder(jobs.nextJob()).getFileName().toString());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> jobs.run(1, 1000, 1000, null, java.net.URI.create("http://127.0.0.1:9/"), "k"));
    assertTrue(e.getMessage().contains("job-001"), e.getMessage());
  }
}
