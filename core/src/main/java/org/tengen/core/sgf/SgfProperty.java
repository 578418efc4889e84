package org.tengen.core.sgf;

import java.util.List;

/**
 * One property of an SGF node: its identifier (upper-case letters) and its values, unescaped (the
 * text between the brackets, with SGF's backslash escapes and soft line breaks resolved).
 */
public record SgfProperty(String id, List<String> values) {

  public SgfProperty {
    if (id == null || !id.matches("[A-Z]+")) {
      throw new IllegalArgumentException("property id '" + id + "' is not upper-case letters");
    }
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("property " + id + " has no value");
    }
  }

  public SgfProperty(String id, String value) {
    this(id, List.of(value));
  }
}
