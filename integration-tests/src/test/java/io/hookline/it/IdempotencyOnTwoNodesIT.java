package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The same Idempotency-Key sent to two nodes at the same moment: the claim is a row, so one of them
 * stores the message and the other answers either the same message (replayed) or 409 (its twin was
 * still being committed), and sent again, the same message.
 */
@org.junit.jupiter.api.extension.ExtendWith(TwoNodes.Running.class)
class IdempotencyOnTwoNodesIT extends MicroTest {
  private static final int KEYS = 20;

  @Test
  void oneMessagePerKeyWhicheverNodeEachTwinReached() throws Exception {
    String app = createApp("idempotency on two nodes");
    String path = "/api/v1/app/" + app + "/msg";
    List<Api> nodes = List.of(api, TwoNodes.secondNodeApi());
    ExecutorService senders = Executors.newFixedThreadPool(2);
    int conflicts = 0;
    try {
      for (int k = 0; k < KEYS; k++) {
        String key = "twin-" + k;
        String body =
            Json.createObjectBuilder()
                .add("eventType", "twin.sent")
                .add("payload", Json.createObjectBuilder().add("k", k))
                .build()
                .toString();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> twins = new ArrayList<>();
        for (Api node : nodes) {
          twins.add(
              senders.submit(
                  () -> {
                    go.await();
                    return node.sendWithHeader("POST", path, body, "Idempotency-Key", key);
                  }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < twins.size(); n++) {
          Api.Response answer = twins.get(n).get();
          if (answer.status() == 409) {
            conflicts++;
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.body());
            answer = nodes.get(n).sendWithHeader("POST", path, body, "Idempotency-Key", key);
          }
          assertEquals(202, answer.status(), answer.body());
          ids.add(answer.json().getString("id"));
        }
        assertEquals(1, ids.size(), key + ": both twins name the same message, " + ids);
      }
    } finally {
      senders.shutdownNow();
    }
    System.out.printf(
        "IdempotencyOnTwoNodesIT: %d keys sent to both nodes at once, %d answered 409 first%n",
        KEYS, conflicts);
    assertEquals(
        KEYS,
        Sql.count(TestStack.microDatabase(), "select count(*) from message where app_id = ?", app),
        "one message per key");
  }
}
