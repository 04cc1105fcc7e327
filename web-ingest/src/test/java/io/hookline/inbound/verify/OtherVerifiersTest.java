package io.hookline.inbound.verify;

import static io.hookline.inbound.verify.Requests.NO_CONFIG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Providers without a published test vector, signed here the way their documentation describes,
 * with the JDK's Mac directly (not the verifiers' helpers): a good request, a tampered body, a
 * wrong secret, and a stale timestamp where the scheme has one.
 */
class OtherVerifiersTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final String SECRET = "whsec_test_secret_value";

  static String hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  static Rejected.Kind refused(Verifier verifier, InboundRequest request, String secret) {
    return refused(verifier, request, secret, NO_CONFIG);
  }

  static Rejected.Kind refused(
      Verifier verifier, InboundRequest request, String secret, JsonObject config) {
    return assertThrows(Rejected.class, () -> verifier.verify(request, secret, config, NOW)).kind();
  }

  // Stripe: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">.
  static final String STRIPE_BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";

  static InboundRequest stripe(long t, String body, String signedBody) {
    String v1 = hmac("HmacSHA256", SECRET, t + "." + signedBody);
    return Requests.with("Stripe-Signature", "t=" + t + ",v1=" + v1 + ",v0=ignored").body(body);
  }

  @Test
  void stripe() throws Rejected {
    long t = NOW.getEpochSecond() - 10;
    Verified ok =
        new StripeVerifier().verify(stripe(t, STRIPE_BODY, STRIPE_BODY), SECRET, NO_CONFIG, NOW);
    assertEquals("evt_1", ok.providerId());
    assertEquals("invoice.paid", ok.eventType());
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(
            new StripeVerifier(),
            stripe(t, STRIPE_BODY.replace("paid", "void"), STRIPE_BODY),
            SECRET));
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(new StripeVerifier(), stripe(t, STRIPE_BODY, STRIPE_BODY), "whsec_other"));
    assertEquals(
        Rejected.Kind.STALE,
        refused(
            new StripeVerifier(),
            stripe(NOW.getEpochSecond() - 301, STRIPE_BODY, STRIPE_BODY),
            SECRET));
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(
            new StripeVerifier(),
            Requests.with("Stripe-Signature", "t=1").body(STRIPE_BODY),
            SECRET));
  }

  // Shopify: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the body.
  static InboundRequest shopify(String body, String signedBody) {
    return Requests.with("X-Shopify-Hmac-Sha256", base64(hmac("HmacSHA256", SECRET, signedBody)))
        .and("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        .and("X-Shopify-Topic", "orders/create")
        .body(body);
  }

  @Test
  void shopify() throws Rejected {
    Verified ok =
        new ShopifyVerifier().verify(shopify("{\"id\":1}", "{\"id\":1}"), SECRET, NO_CONFIG, NOW);
    assertEquals("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", ok.providerId());
    assertEquals("shopify.orders.create", ok.eventType());
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(new ShopifyVerifier(), shopify("{\"id\":2}", "{\"id\":1}"), SECRET));
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(new ShopifyVerifier(), shopify("{\"id\":1}", "{\"id\":1}"), "other"));
  }

  // GitLab: the token itself in X-Gitlab-Token.
  @Test
  void gitLab() throws Rejected {
    InboundRequest push =
        Requests.with("X-Gitlab-Token", SECRET)
            .and("X-Gitlab-Event-UUID", "a1b2")
            .and("X-Gitlab-Event", "Push Hook")
            .body("{\"object_kind\":\"push\"}");
    Verified ok = new GitLabVerifier().verify(push, SECRET, NO_CONFIG, NOW);
    assertEquals("a1b2", ok.providerId());
    assertEquals("gitlab.push", ok.eventType());
    assertEquals(Rejected.Kind.BAD_SIGNATURE, refused(new GitLabVerifier(), push, "other"));
    assertEquals(
        Rejected.Kind.MALFORMED,
        refused(
            new GitLabVerifier(),
            Requests.with("X-Gitlab-Token", SECRET).body("{\"object_kind\":\"push\"}"),
            SECRET));
  }

  // Slack's Events API: JSON, and a url_verification challenge answered.
  @Test
  void slackEventsAndTheChallenge() throws Rejected {
    String ts = String.valueOf(NOW.getEpochSecond());
    String challenge =
        "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}";
    InboundRequest request =
        Requests.with("X-Slack-Request-Timestamp", ts)
            .and(
                "X-Slack-Signature",
                "v0=" + hmac("HmacSHA256", SECRET, "v0:" + ts + ":" + challenge))
            .and("Content-Type", "application/json")
            .body(challenge);
    Verified answered = new SlackVerifier().verify(request, SECRET, NO_CONFIG, NOW);
    assertEquals("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", answered.challenge());

    String event =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\"}}";
    Verified ok =
        new SlackVerifier()
            .verify(
                Requests.with("X-Slack-Request-Timestamp", ts)
                    .and(
                        "X-Slack-Signature",
                        "v0=" + hmac("HmacSHA256", SECRET, "v0:" + ts + ":" + event))
                    .and("Content-Type", "application/json")
                    .body(event),
                SECRET,
                NO_CONFIG,
                NOW);
    assertEquals("Ev1", ok.providerId());
    assertEquals("slack.app_mention", ok.eventType());
    assertNull(ok.challenge());
  }

  // Generic HMAC senders, configured.
  @Test
  void hmacWithEveryAlgorithmAndEncoding() throws Rejected {
    String body = "{\"kind\":\"thing.done\"}";
    for (String[] setup :
        new String[][] {
          {"sha1", "HmacSHA1", "hex", ""},
          {"sha256", "HmacSHA256", "base64", "sha256="},
          {"sha512", "HmacSHA512", "hex", "v1="}
        }) {
      JsonObject config =
          Json.createObjectBuilder()
              .add("header", "X-Signature")
              .add("algorithm", setup[0])
              .add("encoding", setup[2])
              .add("prefix", setup[3])
              .add("idHeader", "X-Delivery")
              .add("typeField", "/kind")
              .build();
      assertNull(new HmacVerifier().problemWithConfig(config));
      String mac = hmac(setup[1], SECRET, body);
      String value = setup[3] + (setup[2].equals("hex") ? mac : base64(mac));
      InboundRequest good = Requests.with("X-Signature", value).and("X-Delivery", "d-1").body(body);
      Verified ok = new HmacVerifier().verify(good, SECRET, config, NOW);
      assertEquals("d-1", ok.providerId(), setup[0]);
      assertEquals("thing.done", ok.eventType(), setup[0]);
      InboundRequest tampered =
          Requests.with("X-Signature", value).and("X-Delivery", "d-1").body(body + " ");
      assertEquals(
          Rejected.Kind.BAD_SIGNATURE, refused(new HmacVerifier(), tampered, SECRET, config));
    }
    assertNotNull(new HmacVerifier().problemWithConfig(NO_CONFIG));
    assertNotNull(
        new HmacVerifier()
            .problemWithConfig(
                Json.createObjectBuilder().add("header", "X").add("algorithm", "md5").build()));
  }

  @Test
  void basicAndApiKey() throws Rejected {
    String credentials = "hooks:s3cret";
    InboundRequest basic =
        Requests.with(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .body("{}");
    Verified ok = new BasicAuthVerifier().verify(basic, credentials, NO_CONFIG, NOW);
    assertTrue(
        ok.providerId().startsWith("sha256:"), "the body's hash is the id without an id header");
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE, refused(new BasicAuthVerifier(), basic, "hooks:other"));
    assertNotNull(new BasicAuthVerifier().problemWithSecret("no-colon"));

    InboundRequest keyed = Requests.with("X-Api-Key", "k-123").body("{}");
    new ApiKeyVerifier().verify(keyed, "k-123", NO_CONFIG, NOW);
    assertEquals(Rejected.Kind.BAD_SIGNATURE, refused(new ApiKeyVerifier(), keyed, "k-124"));
    JsonObject custom = Json.createObjectBuilder().add("header", "X-Token").build();
    new ApiKeyVerifier().verify(Requests.with("X-Token", "k-123").body("{}"), "k-123", custom, NOW);
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE, refused(new ApiKeyVerifier(), keyed, "k-123", custom));
  }

  @Test
  void genericEnvelopeIsCheckedFieldByField() throws Rejected {
    String good =
        "{\"event_id\":\"e-1\",\"event_type\":\"order.paid\",\"occurred_at\":\"2026-11-23T11:59:00Z\",\"payload\":{\"a\":1}}";
    Verified ok =
        new GenericVerifier().verify(Requests.with("x", "y").body(good), null, NO_CONFIG, NOW);
    assertEquals("e-1", ok.providerId());
    assertEquals("order.paid", ok.eventType());
    for (String[] bad :
        new String[][] {
          {"\"event_id\":\"e-1\",", "", "event_id"},
          {"order.paid", "order paid", "event_type"},
          {"2026-11-23T11:59:00Z", "yesterday", "occurred_at"},
          {"{\"a\":1}", "[1]", "payload"},
        }) {
      Rejected rejected =
          assertThrows(
              Rejected.class,
              () ->
                  new GenericVerifier()
                      .verify(
                          Requests.with("x", "y").body(good.replace(bad[0], bad[1])),
                          null,
                          NO_CONFIG,
                          NOW));
      assertEquals(Rejected.Kind.MALFORMED, rejected.kind());
      assertTrue(rejected.getMessage().startsWith(bad[2]), rejected.getMessage());
    }
    // With a secret, a bearer token is required.
    assertEquals(
        Rejected.Kind.BAD_SIGNATURE,
        refused(new GenericVerifier(), Requests.with("x", "y").body(good), "tok"));
    new GenericVerifier()
        .verify(Requests.with("Authorization", "Bearer tok").body(good), "tok", NO_CONFIG, NOW);
  }
}
