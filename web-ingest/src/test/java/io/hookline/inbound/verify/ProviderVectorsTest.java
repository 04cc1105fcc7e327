package io.hookline.inbound.verify;

import static io.hookline.inbound.verify.Requests.NO_CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each provider's own published example, verbatim, then the same with one byte changed and with an
 * old timestamp. The vectors come from the providers' documentation, not from Hookline's code.
 */
class ProviderVectorsTest {

  // GitHub, "Validating webhook deliveries": secret, payload and signature from its test values.
  static final String GITHUB_SECRET = "It's a Secret to Everybody";
  static final String GITHUB_BODY = "Hello, World!";
  static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void gitHubsDocumentedExampleVerifies() throws Rejected {
    Verified verified =
        new GitHubVerifier()
            .verify(github(GITHUB_SIGNATURE, GITHUB_BODY), GITHUB_SECRET, NO_CONFIG, NOW);
    assertEquals("72d3162e-cc78-11e3-81ab-4c9367dc0958", verified.providerId());
    assertEquals("github.push", verified.eventType());
  }

  @Test
  void gitHubAnEditedBodyOrAnotherSecretFails() {
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        assertThrows(
                Rejected.class,
                () ->
                    new GitHubVerifier()
                        .verify(
                            github(GITHUB_SIGNATURE, "Hello, World?"),
                            GITHUB_SECRET,
                            NO_CONFIG,
                            NOW))
            .kind());
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        assertThrows(
                Rejected.class,
                () ->
                    new GitHubVerifier()
                        .verify(github(GITHUB_SIGNATURE, GITHUB_BODY), "another", NO_CONFIG, NOW))
            .kind());
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        assertThrows(
                Rejected.class,
                () ->
                    new GitHubVerifier()
                        .verify(
                            Requests.with("X-GitHub-Delivery", "d1").body(GITHUB_BODY),
                            GITHUB_SECRET,
                            NO_CONFIG,
                            NOW))
            .kind());
  }

  // Standard Webhooks, the specification's example.
  static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final String SW_TIMESTAMP = "1614265330";
  static final String SW_BODY = "{\"test\": 2432232314}";
  static final String SW_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final Instant SW_NOW = Instant.ofEpochSecond(1614265330 + 10);

  @Test
  void standardWebhooksDocumentedExampleVerifies() throws Rejected {
    Verified verified =
        new StandardWebhooksVerifier()
            .verify(standard(SW_SIGNATURE, SW_BODY), SW_SECRET, NO_CONFIG, SW_NOW);
    assertEquals(SW_ID, verified.providerId());
    assertEquals("webhook", verified.eventType());
    // Among several signatures (a sender rotating its secret), one match is enough.
    new StandardWebhooksVerifier()
        .verify(standard("v1,bm90IGl0 " + SW_SIGNATURE, SW_BODY), SW_SECRET, NO_CONFIG, SW_NOW);
  }

  @Test
  void standardWebhooksTamperedOrStaleFails() {
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        assertThrows(
                Rejected.class,
                () ->
                    new StandardWebhooksVerifier()
                        .verify(
                            standard(SW_SIGNATURE, "{\"test\": 2432232315}"),
                            SW_SECRET,
                            NO_CONFIG,
                            SW_NOW))
            .kind());
    Rejected stale =
        assertThrows(
            Rejected.class,
            () ->
                new StandardWebhooksVerifier()
                    .verify(
                        standard(SW_SIGNATURE, SW_BODY),
                        SW_SECRET,
                        NO_CONFIG,
                        Instant.ofEpochSecond(1614265330 + 301)));
    assertEquals(Rejected.Kind.STALE, stale.kind());
    assertTrue(stale.getMessage().contains("301 s"), stale.getMessage());
  }

  // Slack, "Verifying requests from Slack": a slash command with its signing secret.
  static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String SLACK_TIMESTAMP = "1531420618";
  static final String SLACK_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
          + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
          + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
          + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String SLACK_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  static final Instant SLACK_NOW = Instant.ofEpochSecond(1531420618 + 60);

  @Test
  void slacksDocumentedExampleVerifies() throws Rejected {
    Verified verified =
        new SlackVerifier()
            .verify(slack(SLACK_SIGNATURE, SLACK_BODY), SLACK_SECRET, NO_CONFIG, SLACK_NOW);
    assertEquals("slack.slash_command", verified.eventType());
    assertTrue(verified.providerId().startsWith("sha256:"));
    assertNull(verified.challenge());
  }

  @Test
  void slackTamperedOrStaleFails() {
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        assertThrows(
                Rejected.class,
                () ->
                    new SlackVerifier()
                        .verify(
                            slack(SLACK_SIGNATURE, SLACK_BODY.replace("foobar", "foobaz")),
                            SLACK_SECRET,
                            NO_CONFIG,
                            SLACK_NOW))
            .kind());
    assertEquals(
        Rejected.Kind.STALE,
        assertThrows(
                Rejected.class,
                () ->
                    new SlackVerifier()
                        .verify(
                            slack(SLACK_SIGNATURE, SLACK_BODY),
                            SLACK_SECRET,
                            NO_CONFIG,
                            Instant.ofEpochSecond(1531420618 + 6 * 60)))
            .kind());
  }

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  static InboundRequest github(String signature, String body) {
    return Requests.with("X-Hub-Signature-256", signature)
        .and("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        .and("X-GitHub-Event", "push")
        .body(body);
  }

  static InboundRequest standard(String signature, String body) {
    return Requests.with("webhook-id", SW_ID)
        .and("webhook-timestamp", SW_TIMESTAMP)
        .and("webhook-signature", signature)
        .body(body);
  }

  static InboundRequest slack(String signature, String body) {
    return Requests.with("X-Slack-Request-Timestamp", SLACK_TIMESTAMP)
        .and("X-Slack-Signature", signature)
        .and("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
  }
}
