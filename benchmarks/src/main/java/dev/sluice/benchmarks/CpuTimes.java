package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine's CPU time so far, all cores, from the first line of Linux's {@code /proc/stat}: in
 * total, and <em>stolen</em> (time a virtual machine's cores were runnable but the hypervisor ran
 * another guest on them). Two readings tell how much of a run's CPU time the host took away: a
 * benchmark measured while the host is contended runs slower, and spends more CPU time per record
 * too (other guests evict its caches).
 *
 * @param total jiffies of every state (user, nice, system, idle, iowait, irq, softirq, steal); -1
 *     if unknown
 * @param steal jiffies stolen; -1 if unknown
 */
public record CpuTimes(long total, long steal) {
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final CpuTimes UNKNOWN = new CpuTimes(-1, -1);

  /**
   * Reads this machine's counters.
   *
   * @return the counters, or unknown ones where {@code /proc/stat} cannot be read
   */
  public static CpuTimes now() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      return lines.isEmpty() ? UNKNOWN : parse(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /**
   * Parses the aggregate line of {@code /proc/stat}.
   *
   * @param line e.g. {@code cpu 7074694 8183 689875 3364286 167851 0 42470 182218 0 0}
   * @return the counters, or unknown ones if the line is not the aggregate line
   */
  public static CpuTimes parse(String line) {
    String[] fields = line.trim().split("\\s+");
    if (!fields[0].equals("cpu") || fields.length < 9) {
      return UNKNOWN;
    }
    long total = 0;
    for (int i = 1; i <= 8; i++) { // guest time is already counted in user and nice
      total += Long.parseLong(fields[i]);
    }
    return new CpuTimes(total, Long.parseLong(fields[8]));
  }

  /**
   * The share of the machine's CPU time stolen since an earlier reading.
   *
   * @param earlier the reading at the start
   * @return between 0 and 1, or NaN if either reading is unknown or no time passed
   */
  public double stealShareSince(CpuTimes earlier) {
    long elapsed = total - earlier.total;
    if (total < 0 || earlier.total < 0 || elapsed <= 0) {
      return Double.NaN;
    }
    return (steal - earlier.steal) / (double) elapsed;
  }

  /**
   * A share as a whole percentage.
   *
   * @param share between 0 and 1, or NaN
   * @return e.g. {@code 16%}, or {@code unknown}
   */
  public static String percent(double share) {
    return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
