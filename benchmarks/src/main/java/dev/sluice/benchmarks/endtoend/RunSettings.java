package dev.sluice.benchmarks.endtoend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What to run, from {@code --name=value} arguments.
 *
 * @param records input records per run
 * @param workloads workload names, e.g. {@code W1,W2}
 * @param systems system names in round-1 order
 * @param rounds timed runs per workload and system
 * @param commitIntervalMs the commit interval of every system; the default 100 ms keeps the
 *     timing's resolution (a run ends at the first commit after the last record) well under a run's
 *     length, which 1000 ms does not for 10⁶ records
 * @param warmupRecords input records of each untimed warm-up run (0: none)
 * @param warmupRuns untimed warm-up runs per workload and system before the rounds; each system
 *     runs in a JVM of its own, whose JIT compilers keep compiling methods that run once per batch
 *     or poll long after the per-record ones: after one warm-up run of 10⁶ records they still spent
 *     1.5–3 s per timed run of W2, after three about 1 s
 */
record RunSettings(
    int records,
    List<String> workloads,
    List<String> systems,
    int rounds,
    long commitIntervalMs,
    int warmupRecords,
    int warmupRuns) {

  static final RunSettings DEFAULTS =
      new RunSettings(
          1_000_000,
          List.of("W1", "W2"),
          List.of("sluice", "kafka-streams", "passthrough", "passthrough-changelog"),
          3,
          100,
          1_000_000,
          3);

  /**
   * Parses {@code --records=}, {@code --workloads=}, {@code --systems=}, {@code --rounds=}, {@code
   * --commit-interval-ms=}, {@code --warmup-records=} and {@code --warmup-runs=}; the rest keep
   * their defaults.
   *
   * @param args the arguments
   * @return the settings
   * @throws IllegalArgumentException on an unknown argument
   */
  static RunSettings parse(List<String> args) {
    int records = DEFAULTS.records;
    List<String> workloads = DEFAULTS.workloads;
    List<String> systems = DEFAULTS.systems;
    int rounds = DEFAULTS.rounds;
    long commitIntervalMs = DEFAULTS.commitIntervalMs;
    int warmupRecords = DEFAULTS.warmupRecords;
    int warmupRuns = DEFAULTS.warmupRuns;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (eq < 0 ? arg : arg.substring(0, eq)) {
        case "--records" -> records = Integer.parseInt(value);
        case "--workloads" -> workloads = List.of(value.split(","));
        case "--systems" -> systems = List.of(value.split(","));
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--commit-interval-ms" -> commitIntervalMs = Long.parseLong(value);
        case "--warmup-records" -> warmupRecords = Integer.parseInt(value);
        case "--warmup-runs" -> warmupRuns = Integer.parseInt(value);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + arg
                    + "; use --records=, --workloads=, --systems=, --rounds=,"
                    + " --commit-interval-ms=, --warmup-records=, --warmup-runs=");
      }
    }
    return new RunSettings(
        records, workloads, systems, rounds, commitIntervalMs, warmupRecords, warmupRuns);
  }

  /**
   * The systems in the order of a round: as given in odd rounds, reversed in even ones.
   *
   * @param round 1-based round
   * @return the systems in order
   */
  List<String> systemsInRound(int round) {
    List<String> ordered = new ArrayList<>(systems);
    if (round % 2 == 0) {
      Collections.reverse(ordered);
    }
    return ordered;
  }

  boolean isDefault() {
    return equals(DEFAULTS);
  }

  String asArgs() {
    return "--records="
        + records
        + " --workloads="
        + String.join(",", workloads)
        + " --systems="
        + String.join(",", systems)
        + " --rounds="
        + rounds
        + " --commit-interval-ms="
        + commitIntervalMs
        + " --warmup-records="
        + warmupRecords
        + " --warmup-runs="
        + warmupRuns;
  }
}
