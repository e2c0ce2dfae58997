package dev.sluice.streams.internal.ops;

import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;

/**
 * The side-output step of a windowed aggregation: the aggregation forwards its window updates to
 * every child, this one included, and its late records only to this one, wrapped in {@link
 * TimeWindowAggregateProcessor.Late}. This step passes on the late records, unwrapped, and ignores
 * everything else.
 */
public final class LateRecordsProcessor implements Processor<Object, Object, Object, Object> {
  private ProcessorContext<Object, Object> context;

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<Object, Object> record) {
    if (record.value() instanceof TimeWindowAggregateProcessor.Late late) {
      context.forward(record.withValue(late.value()));
    }
  }
}
