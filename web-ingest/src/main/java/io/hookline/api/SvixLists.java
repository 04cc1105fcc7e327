package io.hookline.api;

import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.function.Function;

/**
 * Lists as Svix answers them, {@code {data, iterator, prevIterator, done}}, and the query
 * parameters they take, read as text so that a bad value is a 422 naming it (JAX-RS would answer a
 * number or boolean it cannot convert with a bare 404).
 */
public final class SvixLists {
  private SvixLists() {}

  /** The page {@code limit}, {@code iterator} and {@code order} ask for (see {@link ListPage}). */
  public static ListPage page(
      String limit, String iterator, String order, ListPage.Order defaultOrder) {
    Integer size = null;
    if (limit != null && !limit.isEmpty()) {
      try {
        size = Integer.valueOf(limit);
      } catch (NumberFormatException e) {
        throw Refusal.invalidQuery("limit", "must be a whole number between 1 and 250");
      }
    }
    return ListPage.of(size, iterator, order, defaultOrder);
  }

  /** A boolean query parameter: {@code true}, {@code false}, or absent for the default. */
  public static boolean flag(String parameter, String text, boolean defaultValue) {
    if (text == null || text.isEmpty()) {
      return defaultValue;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Refusal.invalidQuery(parameter, "must be true or false");
    };
  }

  /** The page as Svix's {@code ListResponse}: each item through {@code view}. */
  public static <T> JsonObject json(ListPage.Page<T> page, Function<T, JsonObject> view) {
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    page.data().forEach(item -> data.add(view.apply(item)));
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    if (page.iterator() == null) {
      json.addNull("iterator");
    } else {
      json.add("iterator", page.iterator());
    }
    if (page.prevIterator() == null) {
      json.addNull("prevIterator");
    } else {
      json.add("prevIterator", page.prevIterator());
    }
    return json.add("done", page.done()).build();
  }
}
