package org.accueil.security;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The places of a JSON request body, read from the Java type the controller binds it to (records,
 * lists of them, scalars), and a valid body of that type: the suite changes one place at a time.
 */
final class BodyShapes {

  private BodyShapes() {}

  /**
   * A place in a body: the field names and array indexes leading to it from the root.
   *
   * @param owner the record declaring the field ({@code PatientDetails}), "" at the root
   * @param name the field ({@code givenName}); for a list's element, the list's field
   */
  record Place(List<Object> steps, Type type, String owner, String name) {

    String text() {
      StringBuilder text = new StringBuilder();
      for (Object step : steps) {
        if (step instanceof Integer i) {
          text.append('[').append(i).append(']');
        } else {
          text.append(text.isEmpty() ? "" : ".").append(step);
        }
      }
      return text.toString();
    }

    boolean isText() {
      return type == String.class;
    }

    String field() {
      return owner + "." + name;
    }
  }

  /** What the suite needs to fill a body: a valid value for a scalar place. */
  interface Samples {
    JsonNode sample(String owner, String name, Class<?> type);
  }

  static List<Place> places(Type root) {
    List<Place> places = new ArrayList<>();
    collect(root, new ArrayList<>(), "", "", places);
    return places;
  }

  private static void collect(
      Type type, List<Object> steps, String owner, String name, List<Place> places) {
    if (!steps.isEmpty()) {
      places.add(new Place(List.copyOf(steps), type, owner, name));
    }
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        steps.add(component.getName());
        collect(
            component.getGenericType(), steps, raw.getSimpleName(), component.getName(), places);
        steps.removeLast();
      }
    } else if (Collection.class.isAssignableFrom(raw)) {
      steps.add(0);
      collect(element(type), steps, owner, name, places);
      steps.removeLast();
    }
  }

  /** A body of {@code type} with every field present, valid as far as the samples are. */
  static JsonNode body(Type type, Samples samples) {
    return build(type, "", "", samples);
  }

  private static JsonNode build(Type type, String owner, String name, Samples samples) {
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (RecordComponent component : raw.getRecordComponents()) {
        object.set(
            component.getName(),
            build(component.getGenericType(), raw.getSimpleName(), component.getName(), samples));
      }
      return object;
    }
    if (Collection.class.isAssignableFrom(raw)) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      array.add(build(element(type), owner, name, samples));
      return array;
    }
    return samples.sample(owner, name, raw);
  }

  /** A copy of {@code body} with the value at {@code place} replaced. */
  static JsonNode with(JsonNode body, Place place, Function<JsonNode, JsonNode> replacement) {
    JsonNode copy = body.deepCopy();
    JsonNode parent = copy;
    List<Object> steps = place.steps();
    for (int i = 0; i < steps.size() - 1; i++) {
      Object step = steps.get(i);
      parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
    }
    Object last = steps.getLast();
    if (parent instanceof ObjectNode object) {
      object.set((String) last, replacement.apply(object.get((String) last)));
    } else if (parent instanceof ArrayNode array) {
      array.set((Integer) last, replacement.apply(array.get((Integer) last)));
    } else {
      throw new IllegalStateException("No place " + place.text() + " in " + body);
    }
    return copy;
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof java.lang.reflect.AnnotatedType a) {
      return raw(a.getType());
    }
    throw new IllegalArgumentException("Cannot read the shape of " + type);
  }

  private static Type element(Type list) {
    if (list instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    throw new IllegalArgumentException("A list without its element type: " + list);
  }
}
