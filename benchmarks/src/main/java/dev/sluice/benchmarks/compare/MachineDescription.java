package dev.sluice.benchmarks.compare;

import dev.sluice.benchmarks.CpuTimes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a comparison ran on, for the results file.
 *
 * @param cpu the CPU model, or {@code unknown}
 * @param cores processors available to the JVM
 * @param memoryBytes physical memory
 * @param jvm JVM name and version
 * @param os operating system, version and architecture
 * @param loadAverage the one-minute system load average when described (negative if unknown): other
 *     work on the machine during the run
 * @param stealShare the share of the machine's CPU time the hypervisor gave to other guests since
 *     the run started (NaN if unknown): other work on the host
 */
public record MachineDescription(
    String cpu,
    int cores,
    long memoryBytes,
    String jvm,
    String os,
    double loadAverage,
    double stealShare) {

  /**
   * Describes this machine, at the end of a run.
   *
   * @param runStart the machine's CPU times when the run started
   * @return the description
   */
  public static MachineDescription current(CpuTimes runStart) {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : -1;
    return new MachineDescription(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        CpuTimes.now().stealShareSince(runStart));
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
