package org.tengen.localstack.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tengen.core.selfplay.SearchSettings;

class LocalLoopOptionsTest {

  @Test
  void defaultsAndOverrides() {
    LoopOptions o = LocalLoopCommand.parse("--workers", "3", "--duration", "2h");
    assertEquals(3, o.workers());
    assertEquals(Duration.ofHours(2), o.duration());
    assertEquals(9, o.size());
    assertEquals("b2c32", o.net());
    assertTrue(o.data().isAbsolute());
  }

  @Test
  void badOptionsAreNamed() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--wokers", "3"))
            .getMessage()
            .contains("wokers"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> LocalLoopCommand.parse("--duration", "soon"))
            .getMessage()
            .contains("--duration"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--net", "big"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers", "0"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--size", "10"));
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--workers", "two"));
  }

  @Test
  void trainingFollowsTheSamplesPerNewPosition() {
    LoopOptions o = LocalLoopCommand.parse();
    assertEquals(8, o.samplesPerPosition());
    // 8 samples for each of 3,000 new positions at batch 64: 375 steps.
    assertEquals(375, o.stepsFor(3000));
    assertEquals(50, o.stepsFor(10), "at least 50 steps");
    assertEquals(1500, o.stepsFor(57_004), "at most --max-train-steps");
    assertEquals(
        7126, LocalLoopCommand.parse("--max-train-steps", "20000").stepsFor(57_004), "8 a row");
    assertThrows(
        IllegalArgumentException.class, () -> LocalLoopCommand.parse("--max-train-steps", "10"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalLoopCommand.parse("--ema-decay", "0.2"));
    assertThrows(
        IllegalArgumentException.class, () -> LocalLoopCommand.parse("--warmup-steps", "-1"));
    assertEquals(750, LocalLoopCommand.parse("--samples-per-position", "16").stepsFor(3000));
    assertEquals(400, LocalLoopCommand.parse("--train-steps", "400").stepsFor(3000), "fixed");
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalLoopCommand.parse("--samples-per-position", "0"));
  }

  @Test
  void theGateIsTheSeedsRuleOrNone() {
    assertEquals("always:10", new LoopSetup(LocalLoopCommand.parse(), null).releasePolicy());
    LoopOptions seed = LocalLoopCommand.parse("--gate", "seed", "--rating-games", "30");
    assertEquals("seed:30:20:1000000000000", new LoopSetup(seed, null).releasePolicy());
    LoopOptions always = LocalLoopCommand.parse("--gate", "always", "--rating-games", "30");
    assertEquals("always:30", new LoopSetup(always, null).releasePolicy());
    org.tengen.core.rating.ReleasePolicy.parse(new LoopSetup(always, null).releasePolicy());
    LoopOptions notWorse = LocalLoopCommand.parse("--gate", "notworse", "--rating-games", "20");
    assertEquals("notworse:20", new LoopSetup(notWorse, null).releasePolicy());
    org.tengen.core.rating.ReleasePolicy.parse(new LoopSetup(notWorse, null).releasePolicy());
    assertThrows(IllegalArgumentException.class, () -> LocalLoopCommand.parse("--gate", "sprt"));
  }

  @Test
  void theSelfPlayVarietyIsCheckedBeforeTheRunIsCreated() {
    assertEquals("katago", LocalLoopCommand.parse().variety(), "measured with the Gumbel root");
    assertEquals("none", LocalLoopCommand.parse("--variety", "none").variety());
    assertEquals("gumbel=16", LocalLoopCommand.parse().search(), "measured: docs/results.md");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LocalLoopCommand.parse("--variety", "wild"));
    assertTrue(e.getMessage().startsWith("--variety: "), e.getMessage());
    SearchSettings utilityOff =
        SearchSettings.parse(LocalLoopCommand.parse("--search", "utility=0").search());
    assertEquals(16, utilityOff.gumbelConsidered(), "one technique off keeps the default root");
    assertEquals(0, utilityOff.scoreUtility());
    assertEquals(
        SearchSettings.KATAGO.with("gumbel=16,utility=0"), utilityOff, "nothing else changes");
    assertEquals(
        0,
        SearchSettings.parse(LocalLoopCommand.parse("--search", "gumbel=0").search())
            .gumbelConsidered(),
        "gumbel=0 is PUCT's root");
    assertEquals("katago", LocalLoopCommand.parse("--search", "katago").search());
    IllegalArgumentException s =
        assertThrows(
            IllegalArgumentException.class, () -> LocalLoopCommand.parse("--search", "fast"));
    assertTrue(s.getMessage().startsWith("--search: "), s.getMessage());
  }

  @Test
  void aCurriculumReplacesSizeAndVisits() {
    assertEquals("*:9:32", LocalLoopCommand.parse().curriculumText());
    assertEquals(
        "*:13:64", LocalLoopCommand.parse("--size", "13", "--visits", "64").curriculumText());
    assertEquals(
        "3000:7:32,*:9:32",
        LocalLoopCommand.parse("--curriculum", "3000:7:32,*:9:32").curriculumText());
    IllegalArgumentException small =
        assertThrows(
            IllegalArgumentException.class,
            () -> LocalLoopCommand.parse("--curriculum", "3000:5:32,*:9:32"));
    assertTrue(small.getMessage().contains("from 7x7 up"), small.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> LocalLoopCommand.parse("--curriculum", "9x9"));
    assertTrue(bad.getMessage().startsWith("--curriculum: "), bad.getMessage());
  }

  @Test
  void theLearningOptionsReachTheJobsHyperparameters() {
    assertEquals(java.util.Map.of(), TrainingJobs.learning(LocalLoopCommand.parse()));
    assertEquals(
        java.util.Map.of("ema_decay", "0.999", "warmup_steps", "300", "policy_surprise", "0.5"),
        TrainingJobs.learning(
            LocalLoopCommand.parse(
                "--ema-decay", "0.999", "--warmup-steps", "300", "--policy-surprise", "0.5")));
    assertEquals(
        java.util.Map.of("loss", "katago", "opponent_policy_weight", "0"),
        TrainingJobs.learning(
            LocalLoopCommand.parse(
                "--train", "loss=katago", "--train", "opponent_policy_weight=0")));
    IllegalArgumentException owned =
        assertThrows(
            IllegalArgumentException.class, () -> LocalLoopCommand.parse("--train", "steps=9"));
    assertTrue(owned.getMessage().startsWith("--train: 'steps' is not one of"), owned.getMessage());
    IllegalArgumentException odd =
        assertThrows(
            IllegalArgumentException.class,
            () -> LocalLoopCommand.parse("--train", "loss=katago;rm"));
    assertTrue(odd.getMessage().contains("not a plain value"), odd.getMessage());
  }

  @Test
  void helpListsEveryOption() {
    String usage = LocalLoopCommand.commandLine().getUsageMessage();
    for (String option :
        new String[] {
          "--data",
          "--workers",
          "--size",
          "--net",
          "--visits",
          "--games-per-batch",
          "--train-every",
          "--train-steps",
          "--samples-per-position",
          "--max-train-steps",
          "--ema-decay",
          "--warmup-steps",
          "--train",
          "--curriculum",
          "--policy-surprise",
          "--rating-games",
          "--gate",
          "--variety",
          "--search",
          "--duration"
        }) {
      assertTrue(usage.contains(option), option + " in\n" + usage);
    }
    assertTrue(!usage.contains("--root"), "the launcher's --root is not for users");
  }
}
