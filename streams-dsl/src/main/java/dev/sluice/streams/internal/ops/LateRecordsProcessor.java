package dev.sluice.streams.internal.ops;

import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The side-output step of a windowed aggregation: the aggregation forwards its window updates to
 * every child, this one included, and its late records only to this one, wrapped in {@link
 * TimeWindowAggregateProcessor.Late}, once per closed window. This step passes on the late records,
 * unwrapped, with the start of the window they missed in the header {@value #WINDOW_START_HEADER}
 * (epoch milliseconds as decimal text), and ignores everything else.
 */
public final class LateRecordsProcessor implements Processor<Object, Object, Object, Object> {
  /** The header naming the start of the closed window a side-output record missed. */
  public static final String WINDOW_START_HEADER = "sluice.late.window.start";

  private ProcessorContext<Object, Object> context;

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<Object, Object> record) {
    if (record.value() instanceof TimeWindowAggregateProcessor.Late late) {
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.add(
          WINDOW_START_HEADER, Long.toString(late.windowStart()).getBytes(StandardCharsets.UTF_8));
      context.forward(record.withValue(late.value()).withHeaders(headers));
    }
  }
}
