package dev.sluice.benchmarks.endtoend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The workloads and systems the harness knows, by name. */
final class Catalog {
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

  private Catalog() {}

  /**
   * The workload of this name (case-insensitive).
   *
   * @param name e.g. {@code W2}
   * @return the workload
   * @throws IllegalArgumentException naming the known ones, if there is none
   */
  static Workload workload(String name) {
    Workload workload = WORKLOADS.get(name.toUpperCase(Locale.ROOT));
    if (workload == null) {
      throw new IllegalArgumentException(
          "unknown workload " + name + "; known: " + WORKLOADS.keySet());
    }
    return workload;
  }

  /**
   * The system of this name.
   *
   * @param name e.g. {@code sluice}
   * @return the system
   * @throws IllegalArgumentException naming the known ones, if there is none
   */
  static StreamSystem system(String name) {
    StreamSystem system = SYSTEMS.get(name);
    if (system == null) {
      throw new IllegalArgumentException("unknown system " + name + "; known: " + SYSTEMS.keySet());
    }
    return system;
  }
}
