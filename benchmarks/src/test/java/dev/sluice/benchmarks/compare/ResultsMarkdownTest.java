package dev.sluice.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results table compares figures of one JMH run: a benchmark measured in two rows' runs
 * (Sluice's half shared by a Kafka Streams row with its cache on and one with it off) shows each
 * run's own figure and ratio, and an extra row uses the run of the Kafka Streams row it is compared
 * against. The machine section tells how much CPU time the host stole during the run.
 */
class ResultsMarkdownTest {

  private static final Comparison.SideBySide CACHED =
      new Comparison.SideBySide("W2 cached", "ks.cached", "sluice.noCache", "");
  private static final Comparison.SideBySide UNCACHED =
      new Comparison.SideBySide("W2 uncached", "ks.uncached", "sluice.noCache", "");
  private static final Comparison COMPARISON =
      new Comparison(
          List.of(CACHED, UNCACHED),
          List.of(new Comparison.Extra("W2 extra", "sluice.extra", "ks.uncached")));

  @Test
  void eachRatioComparesTheFiguresOfOneRun() {
    Map<Comparison.SideBySide, Map<String, Measured>> runs =
        Map.of(
            CACHED,
            Map.of("ks.cached", measured(40_000), "sluice.noCache", measured(160_000)),
            UNCACHED,
            Map.of(
                "ks.uncached",
                measured(25_000),
                "sluice.noCache",
                measured(100_000),
                "sluice.extra",
                measured(50_000)));

    String markdown = render(runs);

    assertThat(markdown)
        .contains("CPU steal during the run (the machine's CPU time the hypervisor gave to other")
        .contains(" guests): 5%\n")
        .contains("| W2 cached | 40,000 ± 1 | 160,000 ± 1 | 4.00× |")
        .contains("| W2 uncached | 25,000 ± 1 | 100,000 ± 1 | 4.00× |")
        .contains("| W2 extra | 50,000 ± 1 | 100 | 2.00× |");
  }

  @Test
  void cpuCyclesPerRecordAreComparedWhereCountedAndDashedWhereNot() {
    Map<Comparison.SideBySide, Map<String, Measured>> runs =
        Map.of(
            CACHED,
            Map.of(
                "ks.cached",
                new Measured(40_000, 1, 100, 60_000),
                "sluice.noCache",
                new Measured(160_000, 1, 100, 15_000)),
            UNCACHED,
            Map.of(
                "ks.uncached",
                new Measured(25_000, 1, 100, 90_000),
                "sluice.noCache",
                measured(100_000),
                "sluice.extra",
                new Measured(50_000, 1, 100, 30_000)));

    String markdown = render(runs);

    assertThat(markdown)
        .contains(
            "| W2 cached | 40,000 ± 1 | 160,000 ± 1 | 4.00× | 100 | 100 | 60,000 | 15,000 | 4.00× |")
        .contains("| W2 uncached | 25,000 ± 1 | 100,000 ± 1 | 4.00× | 100 | 100 | 90,000 | — | — |")
        .contains("| W2 extra | 50,000 ± 1 | 100 | 2.00× | 30,000 | 3.00× |");
  }

  private static String render(Map<Comparison.SideBySide, Map<String, Measured>> runs) {
    return new ResultsMarkdown(COMPARISON, runs)
        .render(
            new MachineDescription("cpu", 2, 1L << 30, "jvm", "os", 1.0, 0.052),
            Instant.parse("2026-11-22T00:00:00Z"),
            "settings",
            "command");
  }

  private static Measured measured(double recordsPerSecond) {
    return new Measured(recordsPerSecond, 1, 100, Double.NaN);
  }
}
