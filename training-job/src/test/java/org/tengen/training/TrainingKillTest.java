package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * The training job as a process, killed with kill -9 at random steps and started again until it
 * finishes: it resumes from its last checkpoint each time and ends with exactly the parameters of a
 * run that was never interrupted. {@code -Dtengen.training-kills=N} kills more often, {@code
 * -Dtengen.training-kill-seed=S} elsewhere.
 */
class TrainingKillTest {

  private static final Pattern STEP = Pattern.compile("step (\\d+)/");
  private static final Pattern RESUMED =
      Pattern.compile("resuming from the checkpoint at step (\\d+)");

  private static Map<String, String> hyper() {
    return Map.of(
        "run", "t",
        "architecture", "b1c16",
        "steps", "120",
        "batch_size", "32",
        "learning_rate", "0.002",
        "holdout_percent", "25",
        "checkpoint_every", "10",
        "log_every", "1",
        "seed", "5");
  }

  private static Process start(MlPaths paths) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                // A small heap collects often, as a long job does: memory the native side still
                // used when the collector freed it once made processes diverge (LossesTest).
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.tengen.training.TrainMain",
                "train",
                "--ml-root",
                paths.root().toString(),
                "--device",
                "cpu")
            .redirectErrorStream(true);
    return pb.start();
  }

  /** Runs the job to its end, its output lines added to {@code log}. */
  private static void finish(MlPaths paths, List<String> log) throws Exception {
    Process p = start(paths);
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        log.add(line);
      }
    }
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), String.join("\n", log));
  }

  @org.junit.jupiter.api.BeforeAll
  static void playGames() throws Exception {
    TrainingJobTest.playGames();
  }

  @Test
  void killedAtRandomStepsItResumesAndEndsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
    MlPaths straight = TrainingJobTest.ml(dir.resolve("straight"), hyper());
    finish(straight, new ArrayList<>());

    MlPaths killed = TrainingJobTest.ml(dir.resolve("killed"), hyper());
    SplittableRandom random = new SplittableRandom(Long.getLong("tengen.training-kill-seed", 11));
    int kills = Integer.getInteger("tengen.training-kills", 6);
    List<Integer> killedAt = new ArrayList<>();
    int resumes = 0;
    for (int k = 0; k < kills; k++) {
      // Killed 1 to 40 steps after where this process starts (0, or the step it resumes at), so
      // that the kills spread over the run rather than repeat at the first step after a resume.
      int target = -1;
      Process p = start(killed);
      int step = -1;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          Matcher resumed = RESUMED.matcher(line);
          if (resumed.find()) {
            resumes++;
            target = Integer.parseInt(resumed.group(1)) + 1 + random.nextInt(40);
          }
          Matcher m = STEP.matcher(line);
          if (m.find()) {
            step = Integer.parseInt(m.group(1));
            if (target < 0) {
              target = 1 + random.nextInt(40);
            }
            if (step >= target) {
              p.destroyForcibly(); // kill -9, between any two steps
              break;
            }
          }
        }
      } finally {
        p.destroyForcibly().waitFor();
      }
      if (step >= 0 && step < 120) {
        killedAt.add(step);
      }
    }
    List<String> log = new ArrayList<>();
    finish(killed, log);
    System.err.println("training job killed at steps " + killedAt + ", then finished");
    assertTrue(killedAt.size() >= 2, "killed mid-run: " + killedAt);
    assertTrue(
        resumes + (log.stream().anyMatch(l -> l.contains("resuming from the checkpoint")) ? 1 : 0)
            >= 2,
        "it resumed from checkpoints: " + log);

    Path a = only(straight.model());
    Path b = only(killed.model());
    assertEquals(a.getFileName(), b.getFileName(), "the same name: samples and rows agree");
    try (Network na = NetworkFile.load(a, null, Device.cpu());
        Network nb = NetworkFile.load(b, null, Device.cpu())) {
      var pa = na.parameters();
      var pb = nb.parameters();
      assertEquals(pa.size(), pb.size());
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(
            pa.get(i).getValue().getArray().toFloatArray(),
            pb.get(i).getValue().getArray().toFloatArray(),
            "parameter " + pa.get(i).getKey());
      }
    }
  }

  private static Path only(Path modelDir) throws Exception {
    try (var files = Files.list(modelDir)) {
      List<Path> nets = files.filter(p -> p.toString().endsWith(".bin.gz")).toList();
      assertEquals(1, nets.size(), nets.toString());
      return nets.get(0);
    }
  }
}
