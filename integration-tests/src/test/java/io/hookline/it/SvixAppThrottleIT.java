package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.EndpointIn;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application's throttleRate (Svix's ApplicationIn: messages per second to the application's
 * endpoints), set through Svix's Java SDK, limits the deliveries per second to all of the app's
 * endpoints together. Deliveries over the rate wait, neither lost nor failed, and another app's
 * deliveries do not wait behind them.
 */
class SvixAppThrottleIT extends MicroTest {
  private static final int RATE = 8;

  /** Each to both endpoints: twice as many deliveries, about ten seconds' worth at the rate. */
  private static final int MESSAGES = 40;

  private static final int OTHER_MESSAGES = 20;

  @Test
  void theAppsEndpointsTogetherKeepToItsRateAndOtherAppsAreNotHeldUp() throws Exception {
    Svix svix = SvixMessageIT.svix();
    ApplicationOut throttled =
        svix.getApplication()
            .create(
                new ApplicationIn()
                    .name("throttled")
                    .uid(SvixMessageIT.RUN + "throttled")
                    .throttleRate((long) RATE));
    assertEquals(Long.valueOf(RATE), throttled.getThrottleRate());
    String[] paths = {"/" + throttled.getId() + "/a", "/" + throttled.getId() + "/b"};
    for (String path : paths) {
      svix.getEndpoint()
          .create(throttled.getId(), new EndpointIn().url(URI.create(receiver.url(path))));
    }
    // The other app's subscriber is a receiver of its own, so that its burst does not delay
    // the throttled app's requests on their way in and bunch them up in the measurement.
    Receiver otherReceiver = Receiver.start();
    try {
      ApplicationOut other =
          svix.getApplication()
              .create(new ApplicationIn().name("not throttled").uid(SvixMessageIT.RUN + "free"));
      svix.getEndpoint()
          .create(other.getId(), new EndpointIn().url(URI.create(otherReceiver.url("/free"))));
      sendAndMeasure(svix, throttled.getId(), paths, other.getId(), otherReceiver);
    } finally {
      otherReceiver.close();
    }
  }

  private void sendAndMeasure(
      Svix svix, String throttled, String[] paths, String other, Receiver otherReceiver)
      throws Exception {

    for (int i = 0; i < MESSAGES; i++) {
      svix.getMessage()
          .create(throttled, SvixMessageIT.message("throttle.test", "{\"i\":" + i + "}"));
    }
    // The other app's messages come while the throttled app's backlog waits for its rate.
    for (int i = 0; i < OTHER_MESSAGES; i++) {
      svix.getMessage().create(other, SvixMessageIT.message("throttle.other", "{\"i\":" + i + "}"));
    }
    List<Receiver.Received> others =
        otherReceiver.await("/free", OTHER_MESSAGES, Duration.ofSeconds(10));
    int throttledByThen = receiver.received(paths[0]).size() + receiver.received(paths[1]).size();
    assertTrue(
        throttledByThen < 2 * MESSAGES,
        "the other app's deliveries came while the throttled app's still waited ("
            + throttledByThen
            + " of "
            + 2 * MESSAGES
            + " done)");

    List<Receiver.Received> requests = new ArrayList<>();
    for (String path : paths) {
      requests.addAll(receiver.await(path, MESSAGES, Duration.ofSeconds(90)));
    }
    requests.sort(Comparator.comparing(Receiver.Received::at));
    assertTrue(
        others.get(OTHER_MESSAGES - 1).at().isBefore(requests.get(requests.size() - 1).at()),
        "the other app was done before the throttled one");

    // As RateLimitIT checks an endpoint's rate, here across both of the app's endpoints.
    RateWindows.assertKeptTo(RATE, requests);

    // The last try's row commits just after its response reached the receiver.
    String attempts =
        "select count(*) from delivery_attempt a join endpoint e on e.id = a.endpoint_id"
            + " where e.app_id = ?";
    Eventually.await(
        "all attempts recorded",
        WAIT,
        () -> Sql.count(TestStack.microDatabase(), attempts, throttled),
        n -> n == 2 * MESSAGES);
    assertEquals(
        0,
        Sql.count(TestStack.microDatabase(), attempts + " and a.status <> 'SUCCEEDED'", throttled),
        "waiting for the app's rate is not a failed try");
  }
}
