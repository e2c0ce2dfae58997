package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.CpuTimes;
import dev.sluice.benchmarks.MarkdownTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code END-TO-END.md}: best records/s per workload and system, the ratios, every run, and
 * how they were measured. Text from {@link #NOTES_MARKER} on in an existing file is kept, so
 * hand-written findings survive a re-run.
 */
final class EndToEndReport {
  static final String NOTES_MARKER =
      "<!-- Notes below this line are kept when the file is rewritten. -->";
  static final String COMMAND =
      "mvn -B -ntp -q -pl benchmarks -am package exec:exec@end-to-end -DskipTests"
          + " -Dexec.executable=java";

  private final RunSettings settings;
  private final List<Workload> workloads;
  private final List<RunResult> results;
  private final String load;

  EndToEndReport(
      RunSettings settings, List<Workload> workloads, List<RunResult> results, String load) {
    this.settings = settings;
    this.workloads = workloads;
    this.results = results;
    this.load = load;
  }

  /**
   * Writes the report, keeping the notes of an existing one.
   *
   * @param file the markdown file
   * @throws IOException if it cannot be read or written
   */
  void write(Path file) throws IOException {
    String notes = NOTES_MARKER + "\n";
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int at = old.indexOf(NOTES_MARKER);
      if (at >= 0) {
        notes = old.substring(at);
      }
    }
    Files.writeString(file, markdown() + "\n" + notes);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# End to end on a real broker: Sluice, Kafka Streams, raw passthrough\n\n");
    md.append("Run ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(" (UTC) on: ")
        .append(Machine.describe())
        .append("; ")
        .append(load)
        .append(".\n\nCommand (from the repository root): `")
        .append(COMMAND)
        .append("`")
        .append(settings.isDefault() ? "" : " with `-De2e.args=\"" + settings.asArgs() + "\"`")
        .append(".\n\n");
    md.append("## Records per second (best of ")
        .append(settings.rounds())
        .append(" timed runs)\n\n");
    md.append("| Workload | Sluice | Kafka Streams | Passthrough | Passthrough + changelog")
        .append(" | Sluice / KS | Sluice / passthrough | Sluice / (passthrough + changelog) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Workload workload : workloads) {
      Optional<RunResult> sluice = best(workload, "sluice");
      Optional<RunResult> streams = best(workload, "kafka-streams");
      Optional<RunResult> passthrough = best(workload, "passthrough");
      Optional<RunResult> logged = best(workload, "passthrough-changelog");
      md.append(
          MarkdownTable.row(
              workload.name(),
              rate(workload, "sluice", sluice),
              rate(workload, "kafka-streams", streams),
              rate(workload, "passthrough", passthrough),
              rate(workload, "passthrough-changelog", logged),
              ratio(sluice, streams),
              ratio(sluice, passthrough),
              ratio(sluice, logged)));
    }
    md.append("\nTargets (issue): Sluice / KS ≥ 1.3; Sluice within 1.2× of the passthrough")
        .append(" (Sluice / passthrough ≥ 0.83).\n\n");
    appendCpu(md);
    appendMethod(md);
    appendRuns(md);
    return md.toString();
  }

  /**
   * CPU time per record, median of the timed runs: the application's own JVM (its threads, JIT
   * compiler and garbage collector), then the broker's. A machine shared with other work slows
   * every thread, but stretches CPU time far less than wall-clock time.
   */
  private void appendCpu(StringBuilder md) {
    md.append("## CPU time per input record (µs, median of the timed runs)\n\n")
        .append(
            "Application JVM (the application's threads, JIT compiler and garbage collector):\n\n")
        .append("| Workload | Sluice | Kafka Streams | Passthrough | Passthrough + changelog")
        .append(" | KS / Sluice | Passthrough / Sluice | (Passthrough + changelog) / Sluice |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Workload workload : workloads) {
      double sluice = medianCpu(workload, "sluice", RunResult::appCpuMicrosPerRecord);
      double streams = medianCpu(workload, "kafka-streams", RunResult::appCpuMicrosPerRecord);
      double passthrough = medianCpu(workload, "passthrough", RunResult::appCpuMicrosPerRecord);
      double logged =
          medianCpu(workload, "passthrough-changelog", RunResult::appCpuMicrosPerRecord);
      md.append(
          MarkdownTable.row(
              workload.name(),
              micros(sluice),
              micros(streams),
              micros(passthrough),
              micros(logged),
              cpuRatio(streams, sluice),
              cpuRatio(passthrough, sluice),
              cpuRatio(logged, sluice)));
    }
    md.append("\nBroker JVM (the broker serving that application, and the harness polling its")
        .append(" committed offsets):\n\n")
        .append("| Workload | Sluice | Kafka Streams | Passthrough | Passthrough + changelog |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (Workload workload : workloads) {
      md.append(
          MarkdownTable.row(
              workload.name(),
              micros(medianCpu(workload, "sluice", RunResult::brokerCpuMicrosPerRecord)),
              micros(medianCpu(workload, "kafka-streams", RunResult::brokerCpuMicrosPerRecord)),
              micros(medianCpu(workload, "passthrough", RunResult::brokerCpuMicrosPerRecord)),
              micros(
                  medianCpu(
                      workload, "passthrough-changelog", RunResult::brokerCpuMicrosPerRecord))));
    }
    md.append("\n");
  }

  private double medianCpu(
      Workload workload, String system, ToDoubleFunction<RunResult> microsPerRecord) {
    double[] values =
        results.stream()
            .filter(r -> r.workload().equals(workload.name()) && r.system().equals(system))
            .filter(RunResult::succeeded)
            .mapToDouble(microsPerRecord)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static String micros(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String cpuRatio(double costlier, double cheaper) {
    return Double.isNaN(costlier) || Double.isNaN(cheaper)
        ? "–"
        : String.format(Locale.ROOT, "%.2f", costlier / cheaper);
  }

  private void appendMethod(StringBuilder md) {
    md.append("## How\n\n");
    for (Workload workload : workloads) {
      md.append("- **").append(workload.name()).append("**: ").append(workload.description());
      md.append(".\n");
    }
    md.append("- One Kafka 4.3.1 KRaft node in the harness JVM (`EmbeddedKafka.inProcess()`);")
        .append(" each system runs in a JVM of its own (`-Xmx")
        .append(EndToEndMain.APP_HEAP)
        .append("`, started once per workload and kept for its warm-up and timed runs), so its")
        .append(" JIT compiler and garbage collector serve it alone, as in a deployment; input")
        .append(" loading and output checks run in the harness JVM;")
        .append(" fresh input and output topics with ")
        .append(TimedRun.PARTITIONS)
        .append(" partitions per run (`retention.ms=-1`: the input's 2023 timestamps would")
        .append(" otherwise fall to the default 7-day retention in the middle of a run); ")
        .append(settings.records())
        .append(
            " records produced beforehand (idempotent producer, 512 KiB batches; not timed).\n");
    md.append("- Timed from application start (including group join and, for W2, internal-topic")
        .append(" creation) until the group's committed offsets equal the input's end offsets")
        .append(" (Admin polled every 50 ms); then the output is checked (W1: exact count of")
        .append(" amount > 50.0; W2: the last count per key sums to the input count).\n");
    md.append("- Sluice and Kafka Streams: one stream thread, `commit.interval.ms=")
        .append(settings.commitIntervalMs())
        .append("`, at-least-once, defaults otherwise (Kafka Streams' record cache")
        .append(" `statestore.cache.max.bytes` at its default). Passthrough: one thread, a plain")
        .append(" consumer and idempotent producer doing the same work by hand (W2: a HashMap,")
        .append(" the changed keys sent before each commit; no store, no changelog), committing")
        .append(" synchronously at the same interval after a producer flush. Passthrough +")
        .append(" changelog: the same loop, and for a stateful workload every record it emits")
        .append(" also goes to a compacted changelog topic (created at its start, 4 partitions),")
        .append(" as the frameworks log each changed key's new value; still no store. Not in the")
        .append(" issue's targets: it shows what durable state costs without a framework.\n");
    md.append("- Per workload, ")
        .append(
            settings.warmupRecords() > 0 && settings.warmupRuns() > 0
                ? "each system first runs "
                    + settings.warmupRuns()
                    + " times untimed on "
                    + settings.warmupRecords()
                    + " records (JIT warm-up, not reported; the JIT compilers' time in each timed"
                    + " run is in the last table), then "
                : "each system runs ")
        .append(settings.rounds())
        .append(" timed runs, the order of systems alternating between rounds; the")
        .append(" best run is reported. The application's JVM shares the machine's cores with")
        .append(" the broker's, so compare ratios from the same run, not absolute numbers across")
        .append(" machines.\n")
        .append("- CPU steal (last table): the share of the machine's CPU time during that run")
        .append(" that the hypervisor gave to other guests (`/proc/stat`). Runs with much steal")
        .append(" are slower and spend more CPU time per record: read them with care.\n\n");
  }

  private void appendRuns(StringBuilder md) {
    md.append(
        "## Every run\n\n| Workload | System | Round | Seconds | Records/s | App CPU s | App JIT s"
            + " | Broker CPU s | CPU steal | Output records |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RunResult run : results) {
      md.append(
          run.succeeded()
              ? MarkdownTable.row(
                  run.workload(),
                  run.system(),
                  run.round(),
                  String.format(Locale.ROOT, "%.2f", run.elapsedNanos() / 1e9),
                  String.format(Locale.ROOT, "%,.0f", run.recordsPerSecond()),
                  String.format(Locale.ROOT, "%.2f", run.appCpuNanos() / 1e9),
                  String.format(Locale.ROOT, "%.2f", run.appJitMillis() / 1e3),
                  String.format(Locale.ROOT, "%.2f", run.brokerCpuNanos() / 1e9),
                  CpuTimes.percent(run.stealShare()),
                  run.outputs())
              : MarkdownTable.row(
                  run.workload(),
                  run.system(),
                  run.round(),
                  "failed",
                  run.failure().replace('|', '/'),
                  "",
                  "",
                  "",
                  "",
                  ""));
    }
  }

  private Optional<RunResult> best(Workload workload, String system) {
    return results.stream()
        .filter(r -> r.workload().equals(workload.name()) && r.system().equals(system))
        .filter(RunResult::succeeded)
        .max(Comparator.comparingDouble(RunResult::recordsPerSecond));
  }

  private String rate(Workload workload, String system, Optional<RunResult> best) {
    if (best.isPresent()) {
      return String.format(Locale.ROOT, "%,.0f", best.get().recordsPerSecond());
    }
    boolean ran =
        results.stream()
            .anyMatch(r -> r.workload().equals(workload.name()) && r.system().equals(system));
    return ran ? "failed" : "not run";
  }

  private static String ratio(Optional<RunResult> numerator, Optional<RunResult> denominator) {
    if (numerator.isEmpty() || denominator.isEmpty()) {
      return "–";
    }
    return String.format(
        Locale.ROOT,
        "%.2f",
        numerator.get().recordsPerSecond() / denominator.get().recordsPerSecond());
  }
}
