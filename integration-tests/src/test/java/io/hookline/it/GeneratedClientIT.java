package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Webhook;
import io.hookline.generated.ApiClient;
import io.hookline.generated.ApiException;
import io.hookline.generated.api.ApplicationApi;
import io.hookline.generated.api.EndpointApi;
import io.hookline.generated.api.MessageApi;
import io.hookline.generated.api.MessageAttemptApi;
import io.hookline.generated.model.ApplicationIn;
import io.hookline.generated.model.ApplicationOut;
import io.hookline.generated.model.EndpointIn;
import io.hookline.generated.model.EndpointOut;
import io.hookline.generated.model.EndpointPatch;
import io.hookline.generated.model.ListResponseMessageAttemptOut;
import io.hookline.generated.model.MessageAttemptOut;
import io.hookline.generated.model.MessageIn;
import io.hookline.generated.model.MessageOut;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Java client that openapi-generator made from docs/openapi.json (the document OpenApiIT keeps
 * equal to what /openapi serves) creates an app, an endpoint and a message; the message is
 * delivered, Svix's verifier accepts its signature, and the client reads the attempt back.
 */
class GeneratedClientIT extends MicroTest {

  private static ApiClient client(String token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(TestStack.micro().settings().baseUrl());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return client;
  }

  /** A call of the generated client, for a probe that cannot throw checked exceptions. */
  private interface Call<T> {
    T call() throws ApiException;
  }

  private static <T> T unchecked(Call<T> call) {
    try {
      return call.call();
    } catch (ApiException e) {
      throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
    }
  }

  @Test
  void aGeneratedClientSendsAMessageThatIsDeliveredAndVerified() throws Exception {
    ApiClient client = client(TestStack.ADMIN_TOKEN);
    String uid = "generated-" + Long.toHexString(System.nanoTime());
    ApplicationOut app =
        new ApplicationApi(client)
            .createApp(
                ApplicationApi.APICreateAppRequest.newBuilder()
                    .applicationIn(new ApplicationIn().name("generated client").uid(uid))
                    .build());
    assertTrue(app.getId().startsWith("app_"), app.toString());
    assertEquals(uid, app.getUid());

    EndpointApi endpoints = new EndpointApi(client);
    EndpointOut endpoint =
        endpoints.createAppEndpoint(
            EndpointApi.APICreateAppEndpointRequest.newBuilder()
                .appId(app.getId())
                .endpointIn(
                    new EndpointIn()
                        .url(URI.create(receiver.url("/generated")))
                        .eventTypes(List.of("invoice.paid"))
                        .headers(Map.of("X-Team", "billing"))
                        .metadata(Map.of("plan", "pro")))
                .build());
    // A PATCH that names one member leaves the others, headers and metadata included.
    EndpointOut patched =
        endpoints.patchAppEndpoint(
            EndpointApi.APIPatchAppEndpointRequest.newBuilder()
                .appId(app.getId())
                .endpointId(endpoint.getId())
                .endpointPatch(new EndpointPatch().description("billing events"))
                .build());
    assertEquals("billing events", patched.getDescription());
    assertEquals(Map.of("plan", "pro"), patched.getMetadata());
    assertEquals(
        Map.of("X-Team", "billing"),
        endpoints
            .headers(
                EndpointApi.APIHeadersRequest.newBuilder()
                    .appId(app.getId())
                    .endpointId(endpoint.getId())
                    .build())
            .getHeaders());
    String secret =
        endpoints
            .secret(
                EndpointApi.APISecretRequest.newBuilder()
                    .appId(app.getId())
                    .endpointId(endpoint.getId())
                    .build())
            .getKey();

    MessageOut sent =
        new MessageApi(client)
            .send(
                MessageApi.APISendRequest.newBuilder()
                    .appId(app.getUid())
                    .messageIn(
                        new MessageIn()
                            .eventType("invoice.paid")
                            .payload(Map.of("invoice", "in_7", "amount", 4200)))
                    .build());
    assertTrue(sent.getId().startsWith("msg_"), sent.toString());

    Receiver.Received delivered = receiver.await("/generated", 1, WAIT).get(0);
    String body = new String(delivered.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers =
        delivered.headers().entrySet().stream()
            .filter(header -> header.getKey().startsWith("svix-"))
            .collect(Collectors.toMap(Map.Entry::getKey, header -> List.of(header.getValue())));
    assertEquals(List.of(sent.getId()), headers.get("svix-id"));
    assertDoesNotThrow(() -> new Webhook(secret).verify(body, headers));
    assertTrue(body.contains("\"in_7\""), body);

    ListResponseMessageAttemptOut attempts =
        Eventually.await(
            "an attempt at " + sent.getId(),
            WAIT,
            () ->
                unchecked(
                    () ->
                        new MessageAttemptApi(client)
                            .byMessage(
                                MessageAttemptApi.APIByMessageRequest.newBuilder()
                                    .appId(app.getId())
                                    .msgId(sent.getId())
                                    .build())),
            list -> !list.getData().isEmpty());
    MessageAttemptOut attempt = attempts.getData().get(0);
    assertEquals(endpoint.getId(), attempt.getEndpointId());
    assertEquals(0, attempt.getStatus().getValue());
    assertTrue(attempt.getResponseStatusCode() >= 200 && attempt.getResponseStatusCode() < 300);
  }

  @Test
  void aGeneratedClientSeesRefusalsAsTheirHttpStatus() {
    ApiClient client = client(TestStack.ADMIN_TOKEN);
    ApiException missing =
        assertThrows(
            ApiException.class,
            () ->
                new ApplicationApi(client)
                    .getApp(
                        ApplicationApi.APIGetAppRequest.newBuilder()
                            .appId("app_does_not_exist")
                            .build()));
    assertEquals(404, missing.getCode(), missing.getResponseBody());

    ApiException wrongToken =
        assertThrows(
            ApiException.class,
            () ->
                new ApplicationApi(client("not-a-token"))
                    .listApp(ApplicationApi.APIListAppRequest.newBuilder().build()));
    assertEquals(401, wrongToken.getCode(), wrongToken.getResponseBody());
  }
}
