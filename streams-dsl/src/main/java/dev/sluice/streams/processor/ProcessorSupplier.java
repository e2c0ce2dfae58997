package dev.sluice.streams.processor;

/**
 * Creates a new {@link Processor} for every task that runs the step. It must return a new instance
 * on every call: tasks never share processor instances.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> {

  /**
   * Returns a fresh processor.
   *
   * @return a new processor instance
   */
  Processor<KIn, VIn, KOut, VOut> get();
}
