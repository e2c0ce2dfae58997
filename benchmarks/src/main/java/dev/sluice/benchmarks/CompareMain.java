package dev.sluice.benchmarks;

import dev.sluice.benchmarks.compare.Comparison;
import dev.sluice.benchmarks.compare.MachineDescription;
import dev.sluice.benchmarks.compare.Measured;
import dev.sluice.benchmarks.compare.ResultsMarkdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.LinuxPerfNormProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the side-by-side comparison with Kafka Streams in one JMH run and writes {@code
 * benchmarks/RESULTS.md}.
 *
 * <p>Usage: {@code CompareMain <output.md> [JMH options]}; JMH options (for example {@code -wi 1 -i
 * 1} for a smoke run) override the defaults of one fork, 2 × 3 s warmup and 3 × 3 s measurement
 * with a 2 GiB heap. The GC profiler is always on: it gives bytes allocated per record. Where Linux
 * perf can count CPU cycles, JMH's {@code perfnorm} profiler gives cycles per record too: a cost
 * that other processes on a shared machine disturb far less than they disturb throughput.
 */
public final class CompareMain {
  /**
   * The documented command, written into the results file. {@code -Dexec.executable=java} is for
   * the reactor modules {@code -am} adds: exec:exec skips them but still needs the parameter.
   */
  static final String COMMAND =
      "mvn -B -ntp -q -pl benchmarks -am package exec:exec@compare -DskipTests"
          + " -Dexec.executable=java";

  /** The perf event counted per record. */
  private static final String CYCLES = "cycles";

  /** How long to wait for another JMH run on this machine before giving up. */
  private static final Duration LOCK_WAIT = Duration.ofMinutes(30);

  private CompareMain() {}

  /**
   * Runs the comparison.
   *
   * @param args the output file, then optional JMH options
   * @throws RunnerException if JMH fails
   * @throws IOException if the file cannot be written
   * @throws CommandLineOptionException if the JMH options do not parse
   */
  public static void main(String[] args)
      throws RunnerException, IOException, CommandLineOptionException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: CompareMain <output.md> [JMH options]");
    }
    Path output = Path.of(args[0]);
    CpuTimes runStart = CpuTimes.now();
    Comparison comparison = Comparison.current();
    String[] jmhArgs = Arrays.copyOfRange(args, 1, args.length);
    Map<Comparison.SideBySide, Map<String, Measured>> results = new HashMap<>();
    boolean countCycles = linuxPerfCountsCycles();
    if (!countCycles) {
      System.out.println("Linux perf cannot count CPU cycles here; RESULTS.md will show none");
    }
    String settings = "";
    // One JMH run per row, so both halves of a row run minutes apart at most; a benchmark in two
    // rows (Sluice's half of W2 on RocksDB and of W4) is measured in each row's run.
    for (Comparison.SideBySide row : comparison.sideBySide()) {
      Map<String, Measured> rowRun = new HashMap<>();
      for (RunResult run :
          runWhenJmhIsFree(options(jmhArgs, comparison.benchmarksOf(row), countCycles))) {
        BenchmarkParams params = run.getParams();
        rowRun.put(params.getBenchmark(), measured(run));
        settings = settings(params);
      }
      results.put(row, rowRun);
    }
    String markdown =
        new ResultsMarkdown(comparison, results)
            .render(
                MachineDescription.current(runStart),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                settings,
                COMMAND);
    Files.writeString(output, markdown, StandardCharsets.UTF_8);
    System.out.println("Wrote " + output.toAbsolutePath());
  }

  /**
   * Runs JMH, waiting while another JMH run on this machine holds JMH's lock: benchmarks that run
   * at the same time disturb each other.
   */
  private static Collection<RunResult> runWhenJmhIsFree(Options options) throws RunnerException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    while (true) {
      try {
        return new Runner(options).run();
      } catch (RunnerException e) {
        boolean locked = String.valueOf(e.getMessage()).contains("JMH lock");
        if (!locked || System.nanoTime() > deadline) {
          throw e;
        }
        System.out.println("Another JMH run holds the JMH lock; retrying in 15 s");
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * The JMH options: the given benchmarks, the GC profiler, and the defaults unless the command
   * line overrides them.
   */
  private static Options options(String[] jmhArgs, List<String> benchmarks, boolean countCycles)
      throws CommandLineOptionException {
    CommandLineOptions overrides = new CommandLineOptions(jmhArgs);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .parent(overrides)
            .timeUnit(TimeUnit.SECONDS)
            .addProfiler(GCProfiler.class);
    if (countCycles) {
      options.addProfiler(LinuxPerfNormProfiler.class, "events=" + CYCLES);
    }
    // A builder setting wins over its parent, so set a default only where no option was given.
    if (!overrides.getForkCount().hasValue()) {
      options.forks(1);
    }
    if (!overrides.getWarmupIterations().hasValue()) {
      options.warmupIterations(2);
    }
    if (!overrides.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(3));
    }
    if (!overrides.getMeasurementIterations().hasValue()) {
      options.measurementIterations(3);
    }
    if (!overrides.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(3));
    }
    if (!overrides.getJvmArgsAppend().hasValue()) {
      options.jvmArgsAppend("-Xms2g", "-Xmx2g");
    }
    for (String benchmark : benchmarks) {
      options.include("^" + Pattern.quote(benchmark) + "$");
    }
    return options.build();
  }

  private static Measured measured(RunResult run) {
    Result<?> primary = run.getPrimaryResult();
    Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
    Result<?> cycles = run.getSecondaryResults().get(CYCLES);
    return new Measured(
        primary.getScore(),
        primary.getScoreError(),
        allocation == null ? Double.NaN : allocation.getScore(),
        cycles == null ? Double.NaN : cycles.getScore());
  }

  /**
   * Whether {@code perf stat} runs here and counts CPU cycles (it needs the perf tool, and a kernel
   * and virtual machine that expose the counter).
   */
  private static boolean linuxPerfCountsCycles() {
    try {
      Process perf =
          new ProcessBuilder("perf", "stat", "-x", ",", "-e", CYCLES, "true")
              .redirectErrorStream(true)
              .start();
      // perf prints a few lines: they fit the pipe, so waiting first cannot block it
      if (!perf.waitFor(30, TimeUnit.SECONDS)) {
        perf.destroyForcibly();
        return false;
      }
      String output = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (perf.exitValue() != 0) {
        return false;
      }
      // A counted event prints its count first; an unusable one prints "<not supported>".
      return output.lines().anyMatch(line -> line.matches("[0-9].*," + CYCLES + ",.*"));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String settings(BenchmarkParams params) {
    return String.format(
        "%s, %d fork(s), warmup %d × %s, measurement %d × %s, JVM options %s",
        params.getJmhVersion(),
        params.getForks(),
        params.getWarmup().getCount(),
        params.getWarmup().getTime(),
        params.getMeasurement().getCount(),
        params.getMeasurement().getTime(),
        params.getJvmArgs());
  }
}
