package dev.sluice.benchmarks.endtoend;

import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsUncaughtExceptionHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Sluice's runtime ({@link StreamsApplication}) with one stream thread and library defaults. */
final class SluiceSystem implements StreamSystem {

  @Override
  public String name() {
    return "sluice";
  }

  @Override
  public RunningApp start(Workload workload, RunTopics topics, long commitIntervalMs) {
    Map<String, Object> config = new HashMap<>();
    config.put("application.id", topics.applicationId());
    config.put("bootstrap.servers", topics.bootstrapServers());
    config.put("state.dir", topics.stateDir().toString());
    config.put("commit.interval.ms", commitIntervalMs);
    config.put("num.stream.threads", 1);
    StreamsApplication app = new StreamsApplication(workload.sluiceTopology(topics), config);
    AtomicReference<Throwable> error = new AtomicReference<>();
    app.setUncaughtExceptionHandler(
        e -> {
          error.compareAndSet(null, e);
          return StreamsUncaughtExceptionHandler.Response.SHUTDOWN_APPLICATION;
        });
    app.start();
    return new RunningApp() {
      @Override
      public String failure() {
        if (app.state() != StreamsApplication.State.ERROR) {
          return null;
        }
        Throwable cause = error.get();
        while (cause != null && cause.getCause() != null) {
          cause = cause.getCause();
        }
        return "Sluice application in ERROR: " + cause;
      }

      @Override
      public void close() {
        app.close(Duration.ofSeconds(60));
      }
    };
  }
}
