package org.accueil.security;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * JSON text of a tree, every character outside printable ASCII written as a {@code \\uXXXX} escape:
 * the only way to send a lone surrogate (which no UTF-8 encoder produces) or a NUL exactly as a
 * hostile client would.
 */
final class JsonText {

  private JsonText() {}

  static String of(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(field.getKey(), out);
        out.append(':');
        write(field.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isString()) {
      string(node.asString(), out);
    } else {
      out.append(node.toString());
    }
  }

  static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append('"');
  }
}
