package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.CpuTimes;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of one workload on one system: fresh topics, input loaded (not timed), then timed from
 * application start until the group's committed offsets reach the input's end offsets; then the
 * output is checked and everything the run created is removed.
 */
final class TimedRun {

  static final int PARTITIONS = 4;
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(10);
  private static final long POLL_MS = 50;

  /**
   * The input timestamps start in 2023: with the default 7-day retention the broker's periodic
   * check would delete the input in the middle of a run.
   */
  private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");

  private final EmbeddedKafka kafka;
  private final Admin admin;
  private final Offsets offsets;
  private final long commitIntervalMs;

  TimedRun(EmbeddedKafka kafka, Admin admin, long commitIntervalMs) {
    this.kafka = kafka;
    this.admin = admin;
    this.offsets = new Offsets(admin);
    this.commitIntervalMs = commitIntervalMs;
  }

  /**
   * Runs once.
   *
   * @param workload what to run
   * @param input its pre-generated input
   * @param app the application JVM to run it in
   * @param round 1-based round, for names and the report
   * @return the measurement
   * @throws IllegalStateException if the app fails, misses the deadline or writes a wrong output
   */
  RunResult run(Workload workload, InputRecords input, AppProcess app, int round) {
    String prefix = (workload.name() + "-" + app.system() + "-" + round).toLowerCase(Locale.ROOT);
    Path stateDir = createStateDir(prefix);
    RunTopics topics =
        new RunTopics(
            kafka.bootstrapServers(), prefix + "-in", prefix + "-out", "e2e-" + prefix, stateDir);
    try {
      kafka.createTopic(topics.input(), PARTITIONS, KEEP_FOREVER);
      kafka.createTopic(topics.output(), PARTITIONS, KEEP_FOREVER);
      InputLoader.load(topics.bootstrapServers(), topics.input(), input);
      Map<TopicPartition, Long> inputEnds = offsets.endOffsets(topics.input(), PARTITIONS);
      if (Offsets.sum(inputEnds) != input.size()) {
        throw new IllegalStateException("input holds " + Offsets.sum(inputEnds) + " records");
      }
      Timing timing = timed(app, topics, inputEnds);
      OutputReader output =
          new OutputReader(
              topics.bootstrapServers(),
              topics.output(),
              offsets.endOffsets(topics.output(), PARTITIONS));
      long outputs = workload.checkOutput(output, input);
      return new RunResult(
          workload.name(),
          app.system(),
          round,
          input.size(),
          timing.elapsedNanos(),
          timing.app().cpuNanos(),
          timing.app().jitMillis(),
          timing.brokerCpuNanos(),
          timing.stealShare(),
          outputs,
          null);
    } finally {
      deleteTopics(topics);
      deleteRecursively(stateDir);
    }
  }

  /**
   * Wall-clock time of one timed part, the CPU time of the application's and this JVM, and the
   * share of the machine's CPU time stolen meanwhile.
   */
  private record Timing(
      long elapsedNanos, AppProcess.Usage app, long brokerCpuNanos, double stealShare) {}

  private Timing timed(AppProcess app, RunTopics topics, Map<TopicPartition, Long> ends) {
    long cpuStart = Machine.processCpuNanos(); // this JVM: the broker, and the offset polling
    CpuTimes machineStart = CpuTimes.now();
    long start = System.nanoTime();
    long deadline = start + RUN_DEADLINE.toNanos();
    try (AppProcess.Running running = app.start(topics, commitIntervalMs)) {
      while (!offsets.allCommitted(topics.applicationId(), ends)) {
        running.checkRunning();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "input offsets not committed within "
                  + RUN_DEADLINE
                  + "; committed "
                  + offsets.committed(topics.applicationId()));
        }
        sleep(POLL_MS);
      }
      long elapsed = System.nanoTime() - start;
      long brokerCpu = Machine.processCpuNanos() - cpuStart;
      return new Timing(
          elapsed, running.usage(), brokerCpu, CpuTimes.now().stealShareSince(machineStart));
    }
  }

  private void deleteTopics(RunTopics topics) {
    try {
      Set<String> created =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(
                  name ->
                      name.equals(topics.input())
                          || name.equals(topics.output())
                          || name.startsWith(topics.applicationId() + "-"))
              .collect(Collectors.toSet());
      admin.deleteTopics(created).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not delete the topics of " + topics.applicationId() + ": " + e);
    }
  }

  private static Path createStateDir(String prefix) {
    try {
      return Files.createTempDirectory("e2e-" + prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
