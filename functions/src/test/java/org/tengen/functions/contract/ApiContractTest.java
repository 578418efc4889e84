package org.tengen.functions.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.funqy.Funq;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tengen.core.api.ApiFunction;
import org.tengen.core.api.Endpoint;
import org.tengen.core.api.Endpoints;

/**
 * The functions implement exactly the typed contract in core's api package: one Funqy method per
 * {@link ApiFunction}, taking the endpoint's request type and answering its answer type. A function
 * whose types drift from what the clients call with fails here (and a renamed record field fails to
 * compile on both sides).
 */
class ApiContractTest {

  private static List<Method> funqyMethods() throws IOException, URISyntaxException {
    Path root =
        Path.of(ApiContractTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolveSibling("classes");
    List<Method> methods = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c;
        try {
          c = Class.forName(name, false, ApiContractTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        for (Method m : c.getDeclaredMethods()) {
          if (m.isAnnotationPresent(Funq.class)) {
            methods.add(m);
          }
        }
      }
    }
    return methods;
  }

  @Test
  void everyEndpointHasOneFunqyMethodWithItsTypes() throws Exception {
    Map<String, Method> byName = new HashMap<>();
    for (Method m : funqyMethods()) {
      Method before = byName.put(m.getName(), m);
      assertTrue(before == null, "two functions named " + m.getName());
    }
    assertEquals(ApiFunction.values().length, Endpoints.ALL.size());
    for (Endpoint<?, ?> e : Endpoints.ALL) {
      Method m = byName.remove(e.function().functionName());
      assertTrue(m != null, "no Funqy method for " + e);
      assertEquals(1, m.getParameterCount(), e + " takes one request");
      assertEquals(e.request(), m.getParameterTypes()[0], e + "'s request type");
      assertEquals(e.answer(), m.getReturnType(), e + "'s answer type");
    }
    assertTrue(byName.isEmpty(), "Funqy methods outside ApiFunction: " + byName.keySet());
  }

  @Test
  void endpointsFollowApiFunctionsOrder() {
    for (int i = 0; i < ApiFunction.values().length; i++) {
      assertEquals(ApiFunction.values()[i], Endpoints.ALL.get(i).function());
    }
  }
}
