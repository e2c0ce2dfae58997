package dev.sluice.benchmarks.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One system's application JVM for one workload: a child {@link AppHost} started with this JVM's
 * Java and class path, kept for every run of that workload so its JIT compiler warms up on the
 * warm-up run and then serves the timed ones. Commands and answers travel over a loopback
 * connection the child opens back to this JVM; the child's own output is inherited. Every wait on
 * it is bounded; after a failed exchange it is broken and refuses further commands; {@link
 * #close()} ends it (forcibly if it does not leave on its own).
 */
final class AppProcess implements AutoCloseable {
  private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
  private static final int ACCEPT_SLICE_MS = 200;

  private final String system;
  private final Process process;
  private final Socket connection;
  private final BufferedReader replies;
  private final Writer commands;
  private String broken;

  private AppProcess(String system, Process process, Socket connection) throws IOException {
    this.system = system;
    this.process = process;
    this.connection = connection;
    connection.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
    this.replies =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Starts the application JVM of a system for a workload and waits until it is connected.
   *
   * @param system the system's name
   * @param workload the workload
   * @param maxHeap the child's {@code -Xmx}, e.g. {@code 2g}
   * @return the running JVM, waiting for commands
   * @throws IllegalStateException if it cannot be started, exits, or does not connect in time
   */
  static AppProcess launch(String system, Workload workload, String maxHeap) {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx" + maxHeap,
              "-cp",
              System.getProperty("java.class.path"),
              AppHost.class.getName(),
              Integer.toString(listener.getLocalPort()),
              system,
              workload.name());
      Process process = new ProcessBuilder(command).inheritIO().start();
      try {
        return new AppProcess(system, process, accept(listener, process));
      } catch (IOException | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the JVM of " + system + ": " + e.getMessage(), e);
    }
  }

  // Waits for the child to connect, in short slices so that a child that dies is noticed at once.
  private static Socket accept(ServerSocket listener, Process process) throws IOException {
    listener.setSoTimeout(ACCEPT_SLICE_MS);
    long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
    while (true) {
      try {
        return listener.accept();
      } catch (SocketTimeoutException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the JVM exited with code " + process.exitValue() + " before connecting");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the JVM did not connect within " + REPLY_TIMEOUT);
        }
      }
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
    return new Running(Usage.parse(expect(reply, "started ")));
  }

  /** The application running in the child, from {@link #start}. */
  final class Running implements AutoCloseable {
    private final Usage atStart;

    private Running(Usage atStart) {
      this.atStart = atStart;
    }

    /**
     * What the child has spent since the application was started: CPU time (its application
     * threads, JIT compilers and garbage collector) and JIT compilation time.
     *
     * @return the usage
     * @throws IllegalStateException naming the cause, if the application has failed
     */
    Usage usage() {
      Usage now = Usage.parse(expect(ask("status"), "ok "));
      return new Usage(now.cpuNanos() - atStart.cpuNanos(), now.jitMillis() - atStart.jitMillis());
    }

    /**
     * Checks that the application has not failed.
     *
     * @throws IllegalStateException naming the cause, if it has
     */
    void checkRunning() {
      usage();
    }

    /** Stops the application (bounded by the child's own close timeouts and the reply timeout). */
    @Override
    public void close() {
      expect(ask("stop"), "stopped");
    }
  }

  private String ask(String command) {
    if (broken != null) {
      throw new IllegalStateException(broken);
    }
    String verb = command.split("\t")[0];
    try {
      commands.write(command + "\n");
      commands.flush();
      String reply = replies.readLine();
      if (reply != null) {
        return reply;
      }
      broken = "the JVM of " + system + " exited (at " + verb + ")";
    } catch (IOException e) {
      broken = "the JVM of " + system + " did not answer " + verb + ": " + e;
    }
    throw new IllegalStateException(broken);
  }

  private String expect(String reply, String prefix) {
    if (!reply.startsWith(prefix)) {
      throw new IllegalStateException(
          system + ": " + (reply.startsWith("failed ") ? reply.substring(7) : reply));
    }
    return reply.substring(prefix.length());
  }

  /**
   * A JVM's CPU time and JIT compilation time (the compilers' accumulated time).
   *
   * @param cpuNanos CPU time
   * @param jitMillis compilation time
   */
  record Usage(long cpuNanos, long jitMillis) {
    static Usage parse(String fields) {
      String[] parts = fields.trim().split(" ");
      return new Usage(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }
  }

  /** Ends the child: closes the connection (it stops its application and exits), then waits. */
  @Override
  public void close() {
    try {
      connection.close();
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
