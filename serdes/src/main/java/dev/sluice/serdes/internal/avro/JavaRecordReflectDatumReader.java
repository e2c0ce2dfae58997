package dev.sluice.serdes.internal.avro;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumReader;

/**
 * Avro's {@link ReflectDatumReader} plus Java {@code record}s, which Avro 1.12 can write but not
 * read (it needs a no-argument constructor and assignable fields; a record has neither).
 *
 * <p>For a schema whose class is a Java record, the fields are read into an argument array in
 * record-component order and the canonical constructor is called once; components absent from the
 * reader schema get {@code null} or zero. Strings that Avro hands back as {@code Utf8} are turned
 * into {@code String} where the component (or its list element / map key or value) is declared
 * {@code String}. Everything else is left to Avro.
 *
 * <p>Thread-safe like its superclass; the per-class metadata is cached in a {@link ClassValue}.
 *
 * @param <T> the top-level type
 */
public final class JavaRecordReflectDatumReader<T> extends ReflectDatumReader<T> {

  private static final ClassValue<RecordShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
          return RecordShape.of(type);
        }
      };

  /**
   * Creates a reader that resolves {@code writer} data into {@code reader}'s shape.
   *
   * @param writer the schema the data was written with
   * @param reader the schema of the Java type
   * @param data the reflect model
   */
  public JavaRecordReflectDatumReader(Schema writer, Schema reader, ReflectData data) {
    super(writer, reader, data);
  }

  @Override
  protected Object readRecord(Object old, Schema expected, ResolvingDecoder in) throws IOException {
    Class<?> type = getSpecificData().getClass(expected);
    if (type == null || !type.isRecord()) {
      return super.readRecord(old, expected, in);
    }
    RecordShape shape = SHAPES.get(type);
    Object[] args = shape.defaults();
    for (Schema.Field field : in.readFieldOrder()) {
      Integer index = shape.indexByName().get(field.name());
      if (index == null) {
        read(null, field.schema(), in); // a reader-schema field the record does not have
      } else if (shape.types()[index] == String.class
          && field.schema().getType() == Schema.Type.STRING) {
        // Straight to String: going through Avro's Utf8 would copy every string twice.
        args[index] = in.readString();
      } else {
        args[index] = toJava(read(null, field.schema(), in), shape.types()[index]);
      }
    }
    return shape.construct(args);
  }

  /** Converts Avro's {@code Utf8} strings to {@code String} where the Java type asks for one. */
  private static Object toJava(Object value, Type type) {
    if (value == null) {
      return null;
    }
    if (type == String.class) {
      return value.toString();
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (value instanceof Collection<?> c && args.length == 1) {
        List<Object> converted = new ArrayList<>(c.size());
        for (Object element : c) {
          converted.add(toJava(element, args[0]));
        }
        return converted;
      }
      if (value instanceof Map<?, ?> m && args.length == 2) {
        Map<Object, Object> converted = new LinkedHashMap<>();
        m.forEach((k, v) -> converted.put(toJava(k, args[0]), toJava(v, args[1])));
        return converted;
      }
    }
    return value;
  }

  /** The canonical constructor and components of one record class. */
  private record RecordShape(
      Constructor<?> constructor, Map<String, Integer> indexByName, Type[] types, Object[] zeros) {

    static RecordShape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] raw = new Class<?>[components.length];
      Type[] types = new Type[components.length];
      Object[] zeros = new Object[components.length];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < components.length; i++) {
        raw[i] = components[i].getType();
        types[i] = components[i].getGenericType();
        zeros[i] = zero(raw[i]);
        index.put(components[i].getName(), i);
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
        return new RecordShape(constructor, Map.copyOf(index), types, zeros);
      } catch (NoSuchMethodException e) {
        throw new AvroRuntimeException(
            "BUG: record " + type.getName() + " has no canonical constructor", e);
      }
    }

    Object[] defaults() {
      return zeros.clone();
    }

    Object construct(Object[] args) {
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new AvroRuntimeException(
            String.format(
                "the constructor of %s rejected the values read: %s",
                constructor.getDeclaringClass().getName(), e.getCause()),
            e.getCause());
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new AvroRuntimeException(
            String.format(
                "cannot construct %s from the values read: %s",
                constructor.getDeclaringClass().getName(), e),
            e);
      }
    }

    private static Object zero(Class<?> type) {
      if (!type.isPrimitive()) {
        return null;
      }
      if (type == boolean.class) {
        return false;
      }
      if (type == char.class) {
        return '\0';
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == float.class) {
        return 0f;
      }
      if (type == double.class) {
        return 0d;
      }
      if (type == byte.class) {
        return (byte) 0;
      }
      if (type == short.class) {
        return (short) 0;
      }
      return 0;
    }
  }
}
