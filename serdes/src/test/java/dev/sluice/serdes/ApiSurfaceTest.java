package dev.sluice.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API package never exposes an internal type: no public or protected member of a public
 * class in {@code dev.sluice.serdes} mentions {@code dev.sluice.serdes.internal} in its signature.
 */
class ApiSurfaceTest {

  private static final String INTERNAL = "dev.sluice.serdes.internal";

  @Test
  void apiSignaturesDoNotMentionInternalTypes() throws Exception {
    List<Class<?>> api = apiClasses();
    assertThat(api).contains(SluiceSerdes.class, AvroSerdes.class, SchemaStore.class);
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : api) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type implemented : type.getGenericInterfaces()) {
        check(type.getName() + " implements", implemented, leaks);
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic()) {
          checkExecutable(type.getName() + "." + method.getName(), method, leaks);
          check(type.getName() + "." + method.getName(), method.getGenericReturnType(), leaks);
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers())) {
          checkExecutable(type.getName() + ".<init>", constructor, leaks);
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())) {
          check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void checkExecutable(String where, Executable executable, List<String> leaks) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(where, parameter, leaks);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(where, thrown, leaks);
    }
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type != null && type.getTypeName().contains(INTERNAL)) {
      leaks.add(where + " exposes " + type.getTypeName());
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<Class<?>> apiClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(SluiceSerdes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path packageDir = root.resolve("dev/sluice/serdes");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(packageDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        try {
          Class<?> type = Class.forName("dev.sluice.serdes." + name.replace('/', '.'));
          if (Modifier.isPublic(type.getModifiers())) {
            classes.add(type);
          }
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("BUG: compiled class not loadable: " + name, e);
        }
      }
    }
    return classes;
  }
}
