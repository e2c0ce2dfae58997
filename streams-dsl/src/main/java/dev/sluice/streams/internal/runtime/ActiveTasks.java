package dev.sluice.streams.internal.runtime;

import dev.sluice.state.StateStores;
import dev.sluice.streams.SluiceConfig;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.internal.engine.GlobalStateStores;
import dev.sluice.streams.internal.engine.RecordCollector;
import dev.sluice.streams.internal.engine.Task;
import dev.sluice.streams.internal.engine.TaskId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The tasks one stream thread runs, indexed by task id and by input partition. Creates tasks for
 * newly assigned partitions and closes tasks whose partitions were revoked or lost. Confined to its
 * stream thread.
 */
final class ActiveTasks {
  private final CompiledTopology topology;
  private final SluiceConfig config;
  private final RecordCollector collector;
  private final StateStores stateStores;
  private final Path stateDirectory;
  private final GlobalStateStores globalStores;
  private final Map<Task, List<TopicPartition>> inputsOf = new HashMap<>();
  private final Map<TaskId, Task> tasks = new TreeMap<>();
  private final Map<TopicPartition, Task> byPartition = new HashMap<>();

  ActiveTasks(
      CompiledTopology topology,
      SluiceConfig config,
      RecordCollector collector,
      StateStores stateStores,
      Path stateDirectory,
      GlobalStateStores globalStores) {
    this.topology = topology;
    this.config = config;
    this.collector = collector;
    this.stateStores = stateStores;
    this.stateDirectory = stateDirectory;
    this.globalStores = globalStores;
  }

  /**
   * Creates (and initialises) the tasks of newly assigned partitions.
   *
   * @param partitions the new partitions
   * @return the tasks created
   */
  List<Task> assign(Collection<TopicPartition> partitions) {
    Map<TaskId, List<TopicPartition>> byTask = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      SubTopology sub = topology.subTopologyReading(partition.topic());
      if (sub != null) {
        byTask
            .computeIfAbsent(new TaskId(sub.id(), partition.partition()), id -> new ArrayList<>())
            .add(partition);
      }
    }
    List<Task> created = new ArrayList<>();
    byTask.forEach(
        (id, taskPartitions) -> {
          Task task = tasks.get(id);
          if (task == null) {
            task =
                new Task(
                    id,
                    topology.subTopologies().get(id.subTopology()),
                    config.applicationId(),
                    config.deserializationExceptionHandler(),
                    collector,
                    System::currentTimeMillis,
                    stateStores,
                    stateDirectory,
                    globalStores);
            task.initialize();
            tasks.put(id, task);
            created.add(task);
          }
          for (TopicPartition partition : taskPartitions) {
            byPartition.put(partition, task);
            inputsOf.computeIfAbsent(task, t -> new ArrayList<>()).add(partition);
          }
        });
    return created;
  }

  /**
   * The tasks that read any of these partitions.
   *
   * @param partitions input partitions
   * @return the tasks, each once
   */
  List<Task> tasksOf(Collection<TopicPartition> partitions) {
    List<Task> found = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      Task task = byPartition.get(partition);
      if (task != null && !found.contains(task)) {
        found.add(task);
      }
    }
    return found;
  }

  /**
   * The input partitions of a task.
   *
   * @param task the task
   * @return its partitions
   */
  List<TopicPartition> inputsOf(Task task) {
    return inputsOf.getOrDefault(task, List.of());
  }

  Task taskFor(TopicPartition partition) {
    return byPartition.get(partition);
  }

  Collection<Task> all() {
    return tasks.values();
  }

  /**
   * The offsets to commit for some tasks.
   *
   * @param someTasks the tasks
   * @return next offsets by input partition
   */
  static Map<TopicPartition, OffsetAndMetadata> offsets(Collection<Task> someTasks) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Task task : someTasks) {
      task.committableOffsets()
          .forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    }
    return offsets;
  }

  /**
   * Closes and forgets tasks.
   *
   * @param closing the tasks
   */
  void close(Collection<Task> closing) {
    RuntimeException first = null;
    for (Task task : new ArrayList<>(closing)) {
      tasks.remove(task.id());
      byPartition.values().removeIf(t -> t == task);
      inputsOf.remove(task);
      try {
        task.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
