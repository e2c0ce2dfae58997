package dev.sluice.streams.internal.ops;

import dev.sluice.streams.processor.Cancellable;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Punctuator;
import dev.sluice.streams.processor.Record;
import dev.sluice.streams.processor.RecordMetadata;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a user processor under {@code processValues}: while it handles a record, any record it
 * forwards must keep the input key. That promise is what lets a later stateful step skip
 * repartitioning, so breaking it fails loudly instead of silently mis-partitioning state.
 *
 * @param <K> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
public final class KeyPreservingProcessor<K, VIn, VOut> implements Processor<K, VIn, K, VOut> {
  private final Processor<K, VIn, K, VOut> delegate;
  private final String stepName;
  private boolean processing;
  private K currentKey;

  private KeyPreservingProcessor(Processor<K, VIn, K, VOut> delegate, String stepName) {
    this.delegate = delegate;
    this.stepName = stepName;
  }

  /**
   * Wraps every processor the supplier creates.
   *
   * @param supplier the user's supplier
   * @param stepName the step name, for the error message
   * @param <K> key type
   * @param <VIn> input value type
   * @param <VOut> output value type
   * @return the wrapping supplier
   */
  public static <K, VIn, VOut> ProcessorSupplier<K, VIn, K, VOut> of(
      ProcessorSupplier<K, VIn, K, VOut> supplier, String stepName) {
    return () -> new KeyPreservingProcessor<>(supplier.get(), stepName);
  }

  @Override
  public void init(ProcessorContext<K, VOut> context) {
    delegate.init(new GuardedContext(context));
  }

  @Override
  public void process(Record<K, VIn> record) {
    processing = true;
    currentKey = record.key();
    try {
      delegate.process(record);
    } finally {
      processing = false;
      currentKey = null;
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class GuardedContext implements ProcessorContext<K, VOut> {
    private final ProcessorContext<K, VOut> inner;

    GuardedContext(ProcessorContext<K, VOut> inner) {
      this.inner = inner;
    }

    private void checkKey(Object key) {
      if (processing && !Objects.equals(key, currentKey)) {
        throw new IllegalStateException(
            String.format(
                "processValues step '%s' forwarded key '%s' for input key '%s': a value"
                    + " processor must keep the key; use process(...) to change keys",
                stepName, key, currentKey));
      }
    }

    @Override
    public <K1 extends K, V1 extends VOut> void forward(Record<K1, V1> record) {
      checkKey(record.key());
      inner.forward(record);
    }

    @Override
    public <K1 extends K, V1 extends VOut> void forward(Record<K1, V1> record, String childName) {
      checkKey(record.key());
      inner.forward(record, childName);
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return inner.recordMetadata();
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator punctuator) {
      return inner.schedule(interval, type, punctuator);
    }

    @Override
    public <S> S getStateStore(String name) {
      return inner.getStateStore(name);
    }

    @Override
    public long currentStreamTimeMs() {
      return inner.currentStreamTimeMs();
    }

    @Override
    public long currentSystemTimeMs() {
      return inner.currentSystemTimeMs();
    }

    @Override
    public String taskId() {
      return inner.taskId();
    }

    @Override
    public String applicationId() {
      return inner.applicationId();
    }
  }
}
