package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Hookline's own lists, which no call of the Svix SDK reaches, walked over plain HTTP page by page
 * in Svix's list shape {@code {data, iterator, prevIterator, done}}.
 */
final class SvixPages {
  private SvixPages() {}

  /** Every item of the list at {@code path} (which may carry a query), 250 a page. */
  static List<JsonObject> all(Api api, String path) {
    return walk(api, path, 250, page -> {});
  }

  /**
   * Every item of the list, {@code limit} a page, checking each page's shape; {@code between} runs
   * after each page that is not the last, with the number of pages read so far.
   */
  static List<JsonObject> walk(
      Api api, String path, int limit, java.util.function.IntConsumer between) {
    List<JsonObject> items = new ArrayList<>();
    String iterator = null;
    for (int pages = 1; pages <= 1000; pages++) {
      String url =
          path
              + (path.contains("?") ? "&" : "?")
              + "limit="
              + limit
              + (iterator == null ? "" : "&iterator=" + iterator);
      Api.Response response = api.get(url);
      assertEquals(200, response.status(), url + ": " + response.body());
      JsonObject page = response.json();
      for (String member : List.of("data", "iterator", "prevIterator", "done")) {
        assertTrue(page.containsKey(member), url + " answers no " + member + ": " + page);
      }
      JsonArray data = page.getJsonArray("data");
      assertTrue(data.size() <= limit, url + ": a page of " + data.size());
      data.forEach(item -> items.add(item.asJsonObject()));
      if (page.getBoolean("done")) {
        return items;
      }
      assertTrue(
          page.get("iterator").getValueType() == JsonValue.ValueType.STRING,
          url + ": a page that is not done has an iterator");
      between.accept(pages);
      iterator = page.getString("iterator");
    }
    throw new AssertionError(path + " was not done after 1000 pages");
  }
}
