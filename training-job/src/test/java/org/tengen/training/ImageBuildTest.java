package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image's build stage, reproduced without Docker: exactly what its COPY lines copy from the
 * repository (less what .dockerignore leaves out of the build context) goes into a fresh folder,
 * and its RUN line runs there as written, with two changes: Maven runs offline (this machine's
 * repository has what the build needs; the image's cache mount is Docker's), and {@code /out} is a
 * folder of the test's. A module the Dockerfile does not copy but the build needs fails here as it
 * would in {@code docker build}.
 */
class ImageBuildTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpu-worker-image/src/main/docker/Dockerfile",
        "training-job/src/main/docker/Dockerfile"
      })
  void theBuildStageBuildsFromWhatItCopies(String dockerfile, @TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(onPath("mvn"), "needs Maven on the PATH, as the image build has");
    BuildStage stage = BuildStage.parse(Files.readAllLines(ROOT.resolve(dockerfile)));
    assertEquals("/src", stage.workdir());
    Path context = dir.resolve("src");
    Files.createDirectories(context);
    List<String> ignored = dockerignore();
    for (String[] copy : stage.copies()) {
      copyTree(ROOT.resolve(copy[0]), context.resolve(copy[1]), ROOT, ignored);
    }
    assertFalse(Files.exists(context.resolve("core/target")), ".dockerignore keeps builds out");
    Path out = dir.resolve("out");
    String command = stage.run().replace("/out", out.toString()).replaceFirst("\\bmvn ", "mvn -o ");
    Process p =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
            .directory(context.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("build.log").toFile())
            .start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the build stage took over 10 minutes");
    String log = Files.readString(dir.resolve("build.log"));
    assertEquals(0, p.exitValue(), "the image's build stage failed:\n" + tail(log));
    try (Stream<Path> files = Files.list(out)) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().endsWith(".jar")), "the program's jar");
    }
    try (Stream<Path> libs = Files.list(out.resolve("lib"))) {
      List<String> names = libs.map(f -> f.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(n -> n.startsWith("pytorch-engine")), names.toString());
      assertTrue(
          names.stream().anyMatch(n -> n.startsWith("slf4j-simple")),
          "a logging provider, or DJL's lines about the engine and CUDA are lost: " + names);
      assertTrue(
          names.stream().noneMatch(n -> n.startsWith("pytorch-native-cpu")),
          "the CPU libtorch is dropped: the image's PyTorch brings CUDA's");
      assertTrue(
          names.stream()
              .noneMatch(n -> n.startsWith("quarkus") || n.startsWith("tengen-functions")),
          "no backend in an image: " + names);
    }
  }

  /** The first stage of a Dockerfile: its WORKDIR, COPY lines and (joined) RUN line. */
  record BuildStage(String workdir, List<String[]> copies, String run) {
    static BuildStage parse(List<String> lines) {
      String workdir = null;
      List<String[]> copies = new ArrayList<>();
      StringBuilder run = null;
      int froms = 0;
      StringBuilder joined = new StringBuilder();
      List<String> instructions = new ArrayList<>();
      for (String line : lines) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        if (line.endsWith("\\")) {
          joined.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        instructions.add(joined.append(line).toString().strip());
        joined.setLength(0);
      }
      for (String ins : instructions) {
        String[] words = ins.split("\\s+");
        switch (words[0]) {
          case "FROM" -> froms++;
          case "WORKDIR" -> workdir = froms == 1 ? words[1] : workdir;
          case "COPY" -> {
            if (froms == 1) {
              assertEquals(3, words.length, "COPY SRC DST in the build stage: " + ins);
              copies.add(new String[] {words[1], words[2].replaceFirst("^\\./?", "")});
            }
          }
          case "RUN" -> {
            if (froms == 1 && run == null) {
              run = new StringBuilder(ins.substring(3).replaceAll("--mount=\\S+", "").strip());
            }
          }
          default -> {}
        }
      }
      assertTrue(run != null && workdir != null, "a build stage with WORKDIR and RUN");
      return new BuildStage(workdir, copies, run.toString());
    }
  }

  private static List<String> dockerignore() throws IOException {
    return Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> l.endsWith("/") ? l.substring(0, l.length() - 1) : l)
        .toList();
  }

  /** Whether .dockerignore leaves {@code relative} (or a folder above it) out of the context. */
  static boolean ignored(Path relative, List<String> patterns) {
    for (String pattern : patterns) {
      List<String> globs = new ArrayList<>(List.of(pattern));
      if (pattern.startsWith("**/")) {
        globs.add(pattern.substring(3)); // Docker's ** matches no folder too
      }
      for (String glob : globs) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (Path p = relative; p != null; p = p.getParent()) {
          if (m.matches(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void copyTree(Path from, Path to, Path root, List<String> ignoredPatterns)
      throws IOException {
    if (Files.isRegularFile(from)) {
      Files.createDirectories(to);
      Files.copy(
          from, to.resolve(from.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : (Iterable<Path>) walk::iterator) {
        if (ignored(root.relativize(f), ignoredPatterns)) {
          continue;
        }
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
