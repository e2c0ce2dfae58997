package dev.sluice.benchmarks.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JVM of the application under test, started by {@link AppProcess}: it runs one system on one
 * workload, one run at a time, on commands read from a loopback connection it opens back to the
 * harness, and answers on the same connection (the application's own output goes to standard output
 * and error). Its JIT compiler and garbage collector serve that application alone, as in a real
 * deployment, and its CPU time is the application's cost.
 *
 * <p>Commands, fields separated by tabs: {@code start} with commit interval, bootstrap servers,
 * input, output, application id and state directory, answered {@code started <cpu>}; {@code
 * status}, answered {@code ok <cpu>} or {@code failed <why>}; {@code stop}, answered {@code
 * stopped}. {@code <cpu>} is this JVM's CPU time in nanoseconds and its JIT compilers' time in
 * milliseconds. Any command may be answered {@code failed <why>}. The end of the connection stops
 * the running application and ends the JVM.
 */
public final class AppHost {
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private final StreamSystem system;
  private final Workload workload;
  private final Writer replies;
  private StreamSystem.RunningApp app;

  private AppHost(StreamSystem system, Workload workload, Writer replies) {
    this.system = system;
    this.workload = workload;
    this.replies = replies;
  }

  /**
   * Connects to the harness and serves its commands until it closes the connection.
   *
   * @param args the harness's loopback port, the system name and the workload name
   * @throws IOException if the connection fails
   */
  public static void main(String[] args) throws IOException {
    StreamSystem system = Catalog.system(args[1]);
    Workload workload = Catalog.workload(args[2]);
    try (Socket harness = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
      BufferedReader commands =
          new BufferedReader(
              new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8));
      AppHost host =
          new AppHost(
              system,
              workload,
              new OutputStreamWriter(harness.getOutputStream(), StandardCharsets.UTF_8));
      try {
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
          host.serve(line.split("\t"));
        }
      } finally {
        host.stop();
      }
    }
    System.exit(0);
  }

  private void serve(String[] command) {
    try {
      switch (command[0]) {
        case "start" -> start(command);
        case "status" -> {
          String failure = app == null ? "no application running" : app.failure();
          reply(failure == null ? "ok " + usage() : "failed " + failure);
        }
        case "stop" -> {
          stop();
          reply("stopped");
        }
        default -> reply("failed unknown command " + command[0]);
      }
    } catch (RuntimeException e) {
      reply("failed " + e);
    }
  }

  private void start(String[] command) {
    if (app != null) {
      throw new IllegalStateException("an application is already running");
    }
    String usage = usage();
    RunTopics topics =
        new RunTopics(command[2], command[3], command[4], command[5], Path.of(command[6]));
    app = system.start(workload, topics, Long.parseLong(command[1]));
    reply("started " + usage);
  }

  /** This JVM's CPU time (ns) and the JIT compilers' accumulated time (ms), space-separated. */
  private static String usage() {
    return Machine.processCpuNanos() + " " + JIT.getTotalCompilationTime();
  }

  private void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private void reply(String message) {
    try {
      replies.write(message.replace('\n', ' ') + "\n");
      replies.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the harness is gone", e);
    }
  }
}
