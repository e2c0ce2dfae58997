package dev.sluice.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report prices each system's application JVM and the broker's JVM apart, per input record, as
 * the median of the timed runs, and lists every run with its JIT compiler time and the CPU time the
 * host stole meanwhile.
 */
class EndToEndReportTest {
  private static final long RECORDS = 1_000_000;

  @Test
  void cpuTablesGiveTheMedianPerRecordOfTheApplicationAndOfTheBroker() {
    List<RunResult> results = new ArrayList<>();
    addRuns(results, "sluice", new double[] {3, 5, 4}, 1.2);
    addRuns(results, "kafka-streams", new double[] {12, 13, 11}, 2.0);
    addRuns(results, "passthrough", new double[] {2, 2.5, 1.5}, 0.4);
    addRuns(results, "passthrough-changelog", new double[] {3, 3, 3}, 1.1);
    results.add(RunResult.failed("W2", "sluice", 4, "broken"));

    String markdown =
        new EndToEndReport(RunSettings.DEFAULTS, List.of(new W2Workload()), results, "load")
            .markdown();

    assertThat(markdown)
        .contains("| W2 | 4.00 | 12.00 | 2.00 | 3.00 | 3.00 | 0.50 | 0.75 |\n")
        .contains("| W2 | 1.20 | 2.00 | 0.40 | 1.10 |\n")
        .contains("| W2 | sluice | 1 | 2.00 | 500,000 | 3.00 | 0.25 | 1.20 | 16% | 700000 |\n")
        .contains("| W2 | sluice | 4 | failed | broken |");
    String header = line(markdown, "| Workload | System | Round |");
    assertThat(cells(line(markdown, "| W2 | sluice | 4 | failed")))
        .as("a failed run's row has a cell for every column")
        .isEqualTo(cells(header));
  }

  private static String line(String markdown, String prefix) {
    return markdown.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static long cells(String row) {
    return row.chars().filter(c -> c == '|').count() - 1;
  }

  // Runs of 10⁶ records, 2 s each; app CPU seconds as given (so µs per record), 0.25 s of JIT,
  // 16% of the machine's CPU time stolen.
  private static void addRuns(
      List<RunResult> results, String system, double[] appCpuSeconds, double brokerCpuSeconds) {
    for (int i = 0; i < appCpuSeconds.length; i++) {
      results.add(
          new RunResult(
              "W2",
              system,
              i + 1,
              RECORDS,
              2_000_000_000L,
              (long) (appCpuSeconds[i] * 1e9),
              250,
              (long) (brokerCpuSeconds * 1e9),
              0.157,
              700_000,
              null));
    }
  }
}
