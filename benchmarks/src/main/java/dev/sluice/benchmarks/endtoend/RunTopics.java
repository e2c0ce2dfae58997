package dev.sluice.benchmarks.endtoend;

import java.nio.file.Path;

/**
 * Where one timed run reads, writes and keeps its state.
 *
 * @param bootstrapServers the broker
 * @param input the input topic, loaded before the run
 * @param output the output topic, empty before the run
 * @param applicationId the application id, which is also the consumer group
 * @param stateDir a fresh state directory
 */
record RunTopics(
    String bootstrapServers, String input, String output, String applicationId, Path stateDir) {}
