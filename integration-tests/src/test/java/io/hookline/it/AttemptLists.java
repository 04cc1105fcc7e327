package io.hookline.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

/** A message's attempts as the tests read them: oldest first (the API lists newest first). */
final class AttemptLists {
  private AttemptLists() {}

  /** Svix's attempt status: 0 success, 2 fail. */
  static final int SUCCESS = 0;

  static final int FAIL = 2;

  static JsonArray oldestFirst(Api api, String app, String messageId) {
    JsonArray newestFirst =
        api.get("/api/v1/app/" + app + "/attempt/msg/" + messageId + "?limit=250")
            .json()
            .getJsonArray("data");
    JsonArrayBuilder reversed = Json.createArrayBuilder();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      reversed.add(newestFirst.get(i));
    }
    return reversed.build();
  }
}
