package dev.sluice.streams.internal.ops;

import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.function.Function;

/**
 * Applies a record-to-record function and forwards the result unless it is null. filter, filterNot,
 * map, mapValues, selectKey, peek and foreach are all this one processor with a different function,
 * so they share one tested code path.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
public final class RecordFunctionProcessor<KIn, VIn, KOut, VOut>
    implements Processor<KIn, VIn, KOut, VOut> {
  private final Function<Record<KIn, VIn>, Record<KOut, VOut>> function;
  private ProcessorContext<KOut, VOut> context;

  private RecordFunctionProcessor(Function<Record<KIn, VIn>, Record<KOut, VOut>> function) {
    this.function = function;
  }

  /**
   * A supplier of processors applying the function. The function must be stateless: every task
   * shares it.
   *
   * @param function maps a record to its output, or to null to drop it
   * @param <KIn> input key type
   * @param <VIn> input value type
   * @param <KOut> output key type
   * @param <VOut> output value type
   * @return the supplier
   */
  public static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> of(
      Function<Record<KIn, VIn>, Record<KOut, VOut>> function) {
    return () -> new RecordFunctionProcessor<>(function);
  }

  @Override
  public void init(ProcessorContext<KOut, VOut> context) {
    this.context = context;
  }

  @Override
  public void process(Record<KIn, VIn> record) {
    Record<KOut, VOut> result = function.apply(record);
    if (result != null) {
      context.forward(result);
    }
  }
}
