package dev.sluice.streams.runtime;

import dev.sluice.streams.StreamsApplication;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link StatelessRuntimeIT#upperCaseEvens} in its own JVM, so a test can {@code kill -9} an
 * application instance. Prints every state change on stdout; exits when stdin closes (the parent
 * died) so a failed test leaves no process behind.
 */
public final class ChildApplication {
  private ChildApplication() {}

  /**
   * Runs until killed or until stdin closes.
   *
   * @param args bootstrap servers, application id, state dir, input topic, output topic[, counts[,
   *     commit interval ms]]
   * @throws Exception if the application cannot start
   */
  public static void main(String[] args) throws Exception {
    var config = RuntimeTestSupport.appConfig(args[0], args[1], Path.of(args[2]));
    CountDownLatch done = new CountDownLatch(1);
    boolean counts = args.length > 5 && args[5].equals("counts");
    if (args.length > 6) {
      config.put("commit.interval.ms", Long.parseLong(args[6]));
    }
    StreamsApplication app =
        new StreamsApplication(
            counts
                ? CountingTopology.build(args[3], args[4])
                : StatelessRuntimeIT.upperCaseEvens(args[3], args[4]),
            config);
    app.setStateListener(
        (now, before) -> {
          System.out.println("STATE " + now);
          System.out.flush();
        });
    app.start();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // the parent keeps stdin open while it lives
                }
              } catch (java.io.IOException e) {
                // parent gone
              }
              done.countDown();
            });
    watchdog.setDaemon(true);
    watchdog.start();
    done.await();
    app.close();
  }
}
