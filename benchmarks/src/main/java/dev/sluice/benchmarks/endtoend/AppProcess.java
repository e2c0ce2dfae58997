package dev.sluice.benchmarks.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One system's application JVM for one workload: a child {@link AppHost} started with this JVM's
 * Java and class path, kept for every run of that workload so its JIT compiler warms up on the
 * warm-up run and then serves the timed ones. Every wait on it is bounded; {@link #close()} ends it
 * (forcibly if it does not leave on its own).
 */
final class AppProcess implements AutoCloseable {
  private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
  private static final String EXITED = "exited";

  private final String system;
  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private AppProcess(String system, Process process) {
    this.system = system;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readReplies, "e2e-" + system + "-replies");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the application JVM of a system for a workload.
   *
   * @param system the system's name
   * @param workload the workload
   * @param maxHeap the child's {@code -Xmx}, e.g. {@code 2g}
   * @return the running JVM, waiting for commands
   */
  static AppProcess launch(String system, Workload workload, String maxHeap) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + maxHeap,
            "-cp",
            System.getProperty("java.class.path"),
            AppHost.class.getName(),
            system,
            workload.name());
    try {
      return new AppProcess(
          system,
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the JVM of " + system, e);
    }
  }

  String system() {
    return system;
  }

  /**
   * Starts the workload in the child; the timed part of a run begins just before this call.
   *
   * @param topics where to read, write and keep state
   * @param commitIntervalMs how often to commit input offsets
   * @return the running application
   * @throws IllegalStateException if the child fails to start it
   */
  Running start(RunTopics topics, long commitIntervalMs) {
    String reply =
        ask(
            String.join(
                "\t",
                "start",
                Long.toString(commitIntervalMs),
                topics.bootstrapServers(),
                topics.input(),
                topics.output(),
                topics.applicationId(),
                topics.stateDir().toString()));
    return new Running(cpuOf(expect(reply, "started ")));
  }

  /** The application running in the child, from {@link #start}. */
  final class Running implements AutoCloseable {
    private final long cpuAtStart;

    private Running(long cpuAtStart) {
      this.cpuAtStart = cpuAtStart;
    }

    /**
     * The child's CPU time since the application was started (its application threads, JIT compiler
     * and garbage collector).
     *
     * @return nanoseconds
     * @throws IllegalStateException naming the cause, if the application has failed
     */
    long cpuNanos() {
      return cpuOf(expect(ask("status"), "ok ")) - cpuAtStart;
    }

    /**
     * Checks that the application has not failed.
     *
     * @throws IllegalStateException naming the cause, if it has
     */
    void checkRunning() {
      cpuNanos();
    }

    /** Stops the application (bounded by the child's own close timeouts and the reply timeout). */
    @Override
    public void close() {
      expect(ask("stop"), "stopped");
    }
  }

  private String ask(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new IllegalStateException("the JVM of " + system + " does not take commands", e);
    }
    String reply;
    try {
      reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + system, e);
    }
    if (reply == null) {
      throw new IllegalStateException(
          "the JVM of " + system + " did not answer " + command.split("\t")[0] + " in time");
    }
    if (reply.equals(EXITED)) {
      replies.add(EXITED);
      throw new IllegalStateException("the JVM of " + system + " has exited");
    }
    return reply;
  }

  private String expect(String reply, String prefix) {
    if (!reply.startsWith(prefix)) {
      throw new IllegalStateException(
          system + ": " + (reply.startsWith("failed ") ? reply.substring(7) : reply));
    }
    return reply.substring(prefix.length());
  }

  private static long cpuOf(String field) {
    return Long.parseLong(field.trim());
  }

  private void readReplies() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(AppHost.REPLY)) {
          replies.add(line.substring(AppHost.REPLY.length()));
        } else {
          System.out.println("[" + system + "] " + line);
        }
      }
    } catch (IOException e) {
      // the child is gone; waiters learn it below
    }
    replies.add(EXITED);
  }

  /** Ends the child: closes its input (it stops its application and exits), then waits. */
  @Override
  public void close() {
    try {
      commands.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
