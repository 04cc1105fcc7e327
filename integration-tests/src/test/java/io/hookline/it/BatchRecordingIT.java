package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch of deliveries to one endpoint whose last try cannot be recorded: the tries already made
 * stay made, and only the one in flight is made again.
 */
class BatchRecordingIT extends MicroTest {

  @BeforeAll
  static void refuseToRecordPoisonTries() {
    PoisonTrigger.install();
  }

  @AfterAll
  static void removeTrigger() {
    PoisonTrigger.remove();
  }

  @Test
  void theLastOfFiftyFailingToRecordSendsNoneOfTheOthersAgain() {
    String app = createApp("batch recording");
    createEndpoint(app, "/fifty");
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = 0; i < 49; i++) {
      items.add(item("batch.fine", i));
    }
    items.add(item(PoisonTrigger.EVENT_TYPE_PREFIX + "last", 49));
    Api.Response answer =
        api.post(
            "/api/v1/app/" + app + "/msg/batch",
            Json.createObjectBuilder().add("messages", items).build());
    assertEquals(200, answer.status(), answer.body());
    String last = answer.json().getJsonArray("data").getJsonObject(49).getString("id");

    awaitDeliveredRows(app, 49);
    awaitDeliveryStatus(last, "DEAD");
    Map<String, Long> perMessage =
        receiver.received("/fifty").stream()
            .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
    assertEquals(50, perMessage.size(), "every message arrived");
    Map<Long, Long> howOften =
        perMessage.entrySet().stream()
            .filter(e -> !e.getKey().equals(last))
            .map(Map.Entry::getValue)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(Map.of(1L, 49L), howOften, "times each of the other 49 arrived, and how many");
    assertEquals(
        UnstorableOutcomeIT.RECORD_FAILURE_LIMIT,
        perMessage.get(last),
        "the unrecordable one: one request per failed recording");
  }

  private static jakarta.json.JsonObjectBuilder item(String eventType, int n) {
    return Json.createObjectBuilder()
        .add("eventType", eventType)
        .add("payload", Json.createObjectBuilder().add("n", n));
  }
}
