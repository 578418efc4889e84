package org.tengen.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analysis} as a tool written for {@code katago analysis} starts it: its own process, a
 * KataGo config file, queries written to its input, answers read line by line.
 */
class AnalysisCommandTest {

  @Test
  void aRealNetworkAnswersKataGoQueriesFromAKataGoConfig(@TempDir Path dir) throws Exception {
    Path net = dir.resolve("an-b1c8-s0-d0.bin.gz");
    assertEquals(
        0,
        WorkerCli.commandLine()
            .execute("init-network", "--name", "an-b1c8-s0-d0", "--out", net.toString()));
    Path cfg = dir.resolve("analysis.cfg");
    Files.writeString(
        cfg,
        "# as KataGo's analysis_example.cfg writes it\n"
            + "logDir = analysis_logs\n"
            + "maxVisits = 24   # per position\n"
            + "reportAnalysisWinratesAs = SIDETOMOVE\n"
            + "numSearchThreadsPerAnalysisThread = 4\n");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                WorkerCli.class.getName(),
                "analysis",
                "-model",
                net.toString(),
                "-config",
                cfg.toString(),
                "-analysis-threads",
                "2",
                "--device",
                "cpu")
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try (OutputStream in = p.getOutputStream();
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(
          ("{\"id\":\"q1\",\"moves\":[[\"B\",\"E5\"],[\"W\",\"C3\"]],\"rules\":\"chinese\","
                  + "\"komi\":7,\"boardXSize\":9,\"boardYSize\":9,\"analyzeTurns\":[1,2],"
                  + "\"includeOwnership\":true}\n"
                  + "{\"id\":\"q2\",\"moves\":[],\"rules\":\"go\",\"boardXSize\":9,"
                  + "\"boardYSize\":9}\n")
              .getBytes(StandardCharsets.UTF_8));
      in.flush();
      ObjectMapper json = new ObjectMapper();
      JsonNode first = json.readTree(out.readLine());
      JsonNode second = json.readTree(out.readLine());
      JsonNode third = json.readTree(out.readLine());
      assertEquals("q1", first.get("id").asText(), first.toString());
      assertEquals(1, first.get("turnNumber").asInt());
      assertEquals("W", first.get("rootInfo").get("currentPlayer").asText());
      assertTrue(first.get("rootInfo").get("visits").asInt() >= 24, "maxVisits from the config");
      assertTrue(first.get("moveInfos").size() > 0);
      assertEquals(81, first.get("ownership").size());
      assertEquals(2, second.get("turnNumber").asInt());
      assertEquals("rules", third.get("field").asText(), third.toString());
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the engine ends when its input does");
    assertEquals(0, p.exitValue());
    List<String> err = Files.readAllLines(dir.resolve("stderr.txt"));
    assertTrue(
        err.stream().anyMatch(l -> l.contains("SIDETOMOVE") && l.contains("24 visits")),
        "it says what it read: " + err);
    assertTrue(
        err.stream().anyMatch(l -> l.contains("numSearchThreadsPerAnalysisThread left alone")),
        err.toString());
  }
}
