package dev.sluice.benchmarks.compare;

/**
 * One benchmark's result: throughput, allocation and CPU cycles, all per record.
 *
 * @param recordsPerSecond the JMH score
 * @param error the half-width of JMH's 99.9% confidence interval, records/s
 * @param bytesPerRecord {@code gc.alloc.rate.norm}, or {@code NaN} when not profiled
 * @param cyclesPerRecord CPU cycles of the whole benchmark JVM per record (JMH's {@code perfnorm}
 *     profiler over Linux perf), or {@code NaN} when not profiled
 */
public record Measured(
    double recordsPerSecond, double error, double bytesPerRecord, double cyclesPerRecord) {}
