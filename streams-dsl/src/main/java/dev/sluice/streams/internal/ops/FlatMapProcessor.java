package dev.sluice.streams.internal.ops;

import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.function.Function;

/**
 * Applies a record-to-records function and forwards each result in order (flatMap and
 * flatMapValues). A null iterable forwards nothing.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
public final class FlatMapProcessor<KIn, VIn, KOut, VOut>
    implements Processor<KIn, VIn, KOut, VOut> {
  private final Function<Record<KIn, VIn>, Iterable<Record<KOut, VOut>>> function;
  private ProcessorContext<KOut, VOut> context;

  private FlatMapProcessor(Function<Record<KIn, VIn>, Iterable<Record<KOut, VOut>>> function) {
    this.function = function;
  }

  /**
   * A supplier of processors applying the function.
   *
   * @param function maps a record to zero or more records
   * @param <KIn> input key type
   * @param <VIn> input value type
   * @param <KOut> output key type
   * @param <VOut> output value type
   * @return the supplier
   */
  public static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> of(
      Function<Record<KIn, VIn>, Iterable<Record<KOut, VOut>>> function) {
    return () -> new FlatMapProcessor<>(function);
  }

  @Override
  public void init(ProcessorContext<KOut, VOut> context) {
    this.context = context;
  }

  @Override
  public void process(Record<KIn, VIn> record) {
    Iterable<Record<KOut, VOut>> results = function.apply(record);
    if (results != null) {
      for (Record<KOut, VOut> result : results) {
        context.forward(result);
      }
    }
  }
}
