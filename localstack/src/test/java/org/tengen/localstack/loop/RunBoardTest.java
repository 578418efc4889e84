package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunBoardTest {

  @Test
  void theRunsBoardIsItsLastStagesOwn() {
    assertEquals(13, RunBoard.of("*:13:32"));
    assertEquals(19, RunBoard.of("100000:9:200,500000:13:400,*:19:800"));
    assertEquals(9, RunBoard.of("*:9/13:32"), "a stage's own board is its first");
  }

  @Test
  void writtenAtCreationAndReadByStrength(@TempDir Path dir) throws IOException {
    assertTrue(RunBoard.read(dir).isEmpty(), "a folder from before the file");
    RunBoard.write(dir, "*:13:32");
    assertEquals(OptionalInt.of(13), RunBoard.read(dir));
    Files.writeString(dir.resolve(RunBoard.FILE), "board=thirteen\n");
    IOException e = assertThrows(IOException.class, () -> RunBoard.read(dir));
    assertTrue(e.getMessage().contains("board is 'thirteen'"), e.getMessage());
  }

  @Test
  void strengthPlaysOnTheRunsBoardUnlessTold() {
    assertEquals(
        List.of("--games", "40", "--size", "13"),
        RunBoard.withSize(List.of("--games", "40"), OptionalInt.of(13)));
    assertEquals(
        List.of("--size", "9"), RunBoard.withSize(List.of("--size", "9"), OptionalInt.of(13)));
    assertEquals(List.of("--size=19"), RunBoard.withSize(List.of("--size=19"), OptionalInt.of(13)));
    assertEquals(
        List.of("--games", "4"), RunBoard.withSize(List.of("--games", "4"), OptionalInt.empty()));
  }
}
