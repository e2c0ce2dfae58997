package dev.sluice.benchmarks.endtoend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** The machine a run happens on: one line for the report, and this JVM's CPU time. */
final class Machine {
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Machine() {}

  /**
   * This JVM's CPU time so far, all its threads.
   *
   * @return nanoseconds
   */
  static long processCpuNanos() {
    return PROCESS.getProcessCpuTime();
  }

  /**
   * Describes this machine: CPU model, cores, memory, JVM, OS.
   *
   * @return one line
   */
  static String describe() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : -1;
    return cpuModel()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + String.format(Locale.ROOT, "%.1f", memory / (double) (1L << 30))
        + " GiB RAM, "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + " (-Xmx"
        + (Runtime.getRuntime().maxMemory() >> 20)
        + "m), "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown CPU";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  /**
   * The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}.
   *
   * @return e.g. {@code 11.2 10.6 10.9}, or {@code unknown}
   */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
