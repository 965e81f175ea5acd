package io.emrlaunch.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * Turns a problem path ({@code States.Launch Cluster.Catch[0].Next}, or a JSON pointer already)
 * into a JSON pointer ({@code /States/Launch Cluster/Catch/0/Next}) by walking the document: at
 * each object the longest key that the rest of the path starts with wins, so state names with dots
 * or spaces resolve correctly.
 */
final class Pointers {
  private Pointers() {}

  static String of(JsonNode root, String path) {
    if (path.startsWith("/") || path.isEmpty()) {
      return path;
    }
    if (path.equals("$")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    String rest = path;
    JsonNode node = root;
    while (!rest.isEmpty()) {
      if (rest.startsWith(".")) {
        rest = rest.substring(1);
        continue;
      }
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          break;
        }
        String idx = rest.substring(1, close);
        out.append('/').append(escape(idx));
        node = node == null ? null : node.path(parseInt(idx));
        rest = rest.substring(close + 1);
        continue;
      }
      String key = null;
      if (node != null && node.isObject()) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (rest.startsWith(k)
              && (rest.length() == k.length()
                  || rest.charAt(k.length()) == '.'
                  || rest.charAt(k.length()) == '[')
              && (key == null || k.length() > key.length())) {
            key = k;
          }
        }
      }
      if (key == null) {
        int cut = rest.length();
        int dot = rest.indexOf('.');
        int br = rest.indexOf('[');
        if (dot >= 0) {
          cut = Math.min(cut, dot);
        }
        if (br >= 0) {
          cut = Math.min(cut, br);
        }
        key = rest.substring(0, cut);
      }
      out.append('/').append(escape(key));
      node = node == null ? null : node.get(key);
      rest = rest.substring(key.length());
    }
    return out.toString();
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }
}
