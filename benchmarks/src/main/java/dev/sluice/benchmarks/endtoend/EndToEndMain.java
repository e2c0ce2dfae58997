package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.CpuTimes;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The end-to-end harness: W1 and W2 on one broker in this JVM, each run by Sluice, Kafka Streams
 * and a raw consumer→producer passthrough, each of them in its own JVM ({@link AppProcess}), timed
 * from application start until every input offset is committed; writes the report (see {@link
 * EndToEndReport}).
 *
 * <p>Usage: {@code EndToEndMain <report.md> [--records=N] [--workloads=W1,W2]
 * [--systems=sluice,kafka-streams,passthrough,passthrough-changelog] [--rounds=3]
 * [--commit-interval-ms=100] [--warmup-records=1000000] [--warmup-runs=3]}. Round 0 in the output
 * is the warm-up, which is not reported.
 */
public final class EndToEndMain {
  /** The {@code -Xmx} of each application JVM, as of the harness's. */
  static final String APP_HEAP = "2g";

  private EndToEndMain() {}

  /**
   * Runs every selected workload on every selected system and writes the report.
   *
   * @param args the report path, then options
   * @throws IOException if the report cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: EndToEndMain <report.md> [--name=value ...]");
    }
    Path report = Path.of(args[0]);
    RunSettings settings = RunSettings.parse(Arrays.asList(args).subList(1, args.length));
    List<Workload> workloads = settings.workloads().stream().map(Catalog::workload).toList();
    settings.systems().forEach(Catalog::system);
    List<RunResult> results = new ArrayList<>();
    String loadBefore = Machine.loadAverage();
    CpuTimes start = CpuTimes.now();
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TimedRun timedRun = new TimedRun(kafka, admin, settings.commitIntervalMs());
      for (Workload workload : workloads) {
        results.addAll(runWorkload(timedRun, workload, settings));
      }
    }
    String load =
        "load average "
            + loadBefore
            + " before, "
            + Machine.loadAverage()
            + " after; CPU steal "
            + CpuTimes.percent(CpuTimes.now().stealShareSince(start))
            + " of the machine's CPU time over the whole run";
    EndToEndReport markdown = new EndToEndReport(settings, workloads, results, load);
    System.out.println(markdown.markdown());
    markdown.write(report);
    System.out.println("wrote " + report);
  }

  /** Warm-up and timed rounds of one workload, each system in its own JVM for all of them. */
  private static List<RunResult> runWorkload(
      TimedRun timedRun, Workload workload, RunSettings settings) {
    Map<String, AppProcess> apps = new LinkedHashMap<>();
    try {
      for (String system : settings.systems()) {
        apps.put(system, AppProcess.launch(system, workload, APP_HEAP));
      }
      if (settings.warmupRecords() > 0) {
        InputRecords warmup = workload.generate(settings.warmupRecords());
        for (int run = 0; run < settings.warmupRuns(); run++) {
          for (String system : settings.systems()) {
            runOne(timedRun, workload, warmup, apps.get(system), 0);
          }
        }
      }
      InputRecords input = workload.generate(settings.records());
      List<RunResult> results = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        for (String system : settings.systemsInRound(round)) {
          results.add(runOne(timedRun, workload, input, apps.get(system), round));
        }
      }
      return results;
    } finally {
      apps.values().forEach(AppProcess::close);
    }
  }

  private static RunResult runOne(
      TimedRun timedRun, Workload workload, InputRecords input, AppProcess app, int round) {
    try {
      RunResult result = timedRun.run(workload, input, app, round);
      System.out.printf(
          Locale.ROOT,
          "%s %-13s round %d: %6.2f s, %,10.0f records/s, %d outputs, app CPU %.2f s (JIT %.2f s)%n",
          workload.name(),
          app.system(),
          round,
          result.elapsedNanos() / 1e9,
          result.recordsPerSecond(),
          result.outputs(),
          result.appCpuNanos() / 1e9,
          result.appJitMillis() / 1e3);
      return result;
    } catch (RuntimeException e) {
      System.out.printf(
          Locale.ROOT, "%s %-13s round %d: FAILED %s%n", workload.name(), app.system(), round, e);
      e.printStackTrace();
      return RunResult.failed(workload.name(), app.system(), round, e.toString());
    }
  }
}
