package dev.sluice.benchmarks.endtoend;

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
 * The end-to-end harness: W1 and W2 on one in-process broker, each run by Sluice, Kafka Streams and
 * a raw consumer→producer passthrough, timed from application start until every input offset is
 * committed; writes the report (see {@link EndToEndReport}).
 *
 * <p>Usage: {@code EndToEndMain <report.md> [--records=N] [--workloads=W1,W2]
 * [--systems=sluice,kafka-streams,passthrough,passthrough-changelog] [--rounds=2]
 * [--commit-interval-ms=100] [--warmup-records=100000]}. Round 0 in the output is the warm-up,
 * which is not reported.
 */
public final class EndToEndMain {
  private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();
  private static final Map<String, StreamSystem> SYSTEMS = new LinkedHashMap<>();

  static {
    for (Workload workload : List.of(new W1Workload(), new W2Workload())) {
      WORKLOADS.put(workload.name(), workload);
    }
    for (StreamSystem system :
        List.of(
            new SluiceSystem(),
            new KafkaStreamsSystem(),
            new PassthroughSystem(),
            PassthroughSystem.withChangelog())) {
      SYSTEMS.put(system.name(), system);
    }
  }

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
    List<Workload> workloads = settings.workloads().stream().map(EndToEndMain::workload).toList();
    settings.systems().forEach(EndToEndMain::system);
    List<RunResult> results = new ArrayList<>();
    String loadBefore = Machine.loadAverage();
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TimedRun timedRun = new TimedRun(kafka, admin, settings.commitIntervalMs());
      for (Workload workload : workloads) {
        if (settings.warmupRecords() > 0) {
          InputRecords warmup = workload.generate(settings.warmupRecords());
          for (String systemName : settings.systems()) {
            runOne(timedRun, workload, warmup, system(systemName), 0);
          }
        }
        InputRecords input = workload.generate(settings.records());
        for (int round = 1; round <= settings.rounds(); round++) {
          for (String systemName : settings.systemsInRound(round)) {
            results.add(runOne(timedRun, workload, input, system(systemName), round));
          }
        }
      }
    }
    String load = "load average " + loadBefore + " before, " + Machine.loadAverage() + " after";
    EndToEndReport markdown = new EndToEndReport(settings, workloads, results, load);
    System.out.println(markdown.markdown());
    markdown.write(report);
    System.out.println("wrote " + report);
  }

  private static RunResult runOne(
      TimedRun timedRun, Workload workload, InputRecords input, StreamSystem system, int round) {
    try {
      RunResult result = timedRun.run(workload, input, system, round);
      System.out.printf(
          Locale.ROOT,
          "%s %-13s round %d: %6.2f s, %,10.0f records/s, %d outputs%n",
          workload.name(),
          system.name(),
          round,
          result.elapsedNanos() / 1e9,
          result.recordsPerSecond(),
          result.outputs());
      return result;
    } catch (RuntimeException e) {
      System.out.printf(
          Locale.ROOT, "%s %-13s round %d: FAILED %s%n", workload.name(), system.name(), round, e);
      e.printStackTrace();
      return RunResult.failed(workload.name(), system.name(), round, e.toString());
    }
  }

  private static Workload workload(String name) {
    Workload workload = WORKLOADS.get(name.toUpperCase(Locale.ROOT));
    if (workload == null) {
      throw new IllegalArgumentException(
          "unknown workload " + name + "; known: " + WORKLOADS.keySet());
    }
    return workload;
  }

  private static StreamSystem system(String name) {
    StreamSystem system = SYSTEMS.get(name);
    if (system == null) {
      throw new IllegalArgumentException("unknown system " + name + "; known: " + SYSTEMS.keySet());
    }
    return system;
  }
}
