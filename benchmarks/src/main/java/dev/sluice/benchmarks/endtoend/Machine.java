package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.CpuTimes;
import dev.sluice.benchmarks.compare.MachineDescription;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
   * Describes this machine: CPU model, cores, memory, JVM (with this JVM's heap limit), OS.
   *
   * @return one line
   */
  static String describe() {
    MachineDescription machine = MachineDescription.current(CpuTimes.now());
    return machine.cpu()
        + ", "
        + machine.cores()
        + " cores, "
        + String.format(Locale.ROOT, "%.1f", machine.memoryBytes() / (double) (1L << 30))
        + " GiB RAM, "
        + machine.jvm()
        + " (-Xmx"
        + (Runtime.getRuntime().maxMemory() >> 20)
        + "m), "
        + machine.os();
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
