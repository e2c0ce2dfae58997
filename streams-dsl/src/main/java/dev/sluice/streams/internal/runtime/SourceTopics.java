package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Checks, before any thread starts, that the topics the topology reads by name exist: a missing
 * input topic is a deployment mistake that should stop the start with its name, not leave the
 * application idle.
 */
final class SourceTopics {
  private SourceTopics() {}

  static void check(CompiledTopology topology, Admin admin) {
    Set<String> wanted = new TreeSet<>(topology.sourceTopics());
    wanted.addAll(topology.globalTopics());
    topology.internalTopics().forEach(internal -> wanted.remove(internal.name()));
    if (wanted.isEmpty()) {
      return;
    }
    try {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      wanted.removeAll(existing);
    } catch (ExecutionException | TimeoutException e) {
      throw new StreamsException("cannot list topics to check the source topics exist: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while checking the source topics exist", e);
    }
    if (!wanted.isEmpty()) {
      throw new StreamsException(
          String.format(
              "source topics %s do not exist: create them (with the partition count the input"
                  + " needs) before starting the application",
              wanted),
          null);
    }
  }
}
