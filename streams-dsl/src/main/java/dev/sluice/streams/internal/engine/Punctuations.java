package dev.sluice.streams.internal.engine;

import dev.sluice.streams.processor.Cancellable;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Punctuator;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's scheduled punctuations.
 *
 * <p>Stream-time schedules fire once stream time reaches them; the first fires with the first
 * record after scheduling. Wall-clock schedules first fire one interval after scheduling. When time
 * jumps past several intervals a schedule fires once, not once per missed interval, and its next
 * time stays on the original grid. Punctuators may schedule or cancel from inside a punctuation;
 * the change takes effect on the next round. Single-threaded, like the task.
 */
final class Punctuations {
  private static final long UNSET = Long.MIN_VALUE;

  private static final class Schedule implements Cancellable {
    final ProcessorNodeRuntime node;
    final long intervalMs;
    final PunctuationType type;
    final Punctuator punctuator;
    long nextMs;
    boolean cancelled;

    Schedule(
        ProcessorNodeRuntime node,
        long intervalMs,
        PunctuationType type,
        Punctuator punctuator,
        long nextMs) {
      this.node = node;
      this.intervalMs = intervalMs;
      this.type = type;
      this.punctuator = punctuator;
      this.nextMs = nextMs;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private final List<Schedule> schedules = new ArrayList<>();
  private int streamTimeSchedules;

  Cancellable schedule(
      ProcessorNodeRuntime node,
      long intervalMs,
      PunctuationType type,
      Punctuator punctuator,
      long streamTime,
      long wallClock) {
    long first =
        type == PunctuationType.WALL_CLOCK_TIME
            ? wallClock + intervalMs
            : streamTime == UNSET ? UNSET : streamTime + intervalMs;
    Schedule schedule = new Schedule(node, intervalMs, type, punctuator, first);
    schedules.add(schedule);
    if (type == PunctuationType.STREAM_TIME) {
      streamTimeSchedules++;
    }
    return schedule;
  }

  boolean hasStreamTimeSchedules() {
    return streamTimeSchedules > 0;
  }

  /**
   * Fires the due schedules of one type.
   *
   * @param type the clock
   * @param now that clock's current time
   * @return whether any punctuator ran
   */
  boolean fire(PunctuationType type, long now) {
    if (now == UNSET) {
      return false;
    }
    boolean fired = false;
    Schedule[] snapshot = schedules.toArray(new Schedule[0]);
    for (Schedule schedule : snapshot) {
      if (schedule.cancelled || schedule.type != type) {
        continue;
      }
      if (schedule.nextMs == UNSET) {
        schedule.nextMs = now;
      }
      if (now >= schedule.nextMs) {
        long missed = (now - schedule.nextMs) / schedule.intervalMs;
        schedule.nextMs += (missed + 1) * schedule.intervalMs;
        schedule.node.punctuate(schedule.punctuator, now);
        fired = true;
      }
    }
    removeCancelled();
    return fired;
  }

  private void removeCancelled() {
    schedules.removeIf(
        schedule -> {
          if (schedule.cancelled && schedule.type == PunctuationType.STREAM_TIME) {
            streamTimeSchedules--;
          }
          return schedule.cancelled;
        });
  }
}
