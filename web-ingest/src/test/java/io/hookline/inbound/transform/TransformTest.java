package io.hookline.inbound.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TransformTest {
  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  static final JsonObject PUSH =
      json(
          "{'ref':'refs/heads/main','repository':{'full_name':'acme/api','private':true},"
              + "'sender':{'login':'ada','email':'ada@example.com'},'kind':'push'}");

  @Test
  void picksRenamesDropsAddsAndSetsTheType() throws Transform.Failure {
    Transform transform =
        Transform.parse(
            json(
                "{'pick':{'repo':'/repository/full_name','who':'/sender','ref':'/ref'},"
                    + "'rename':{'who':'author'},'drop':['/author/email'],"
                    + "'add':{'source':'github'},'eventType':'/kind'}"));
    Transform.Shaped shaped = transform.apply(PUSH);
    assertEquals(
        json(
            "{'repo':'acme/api','author':{'login':'ada'},'ref':'refs/heads/main','source':'github'}"),
        shaped.payload());
    assertEquals("push", shaped.eventType());
  }

  @Test
  void withoutPickTheWholeEventIsShaped() throws Transform.Failure {
    Transform.Shaped shaped = Transform.parse(json("{'drop':['sender','ref']}")).apply(PUSH);
    assertEquals(
        json("{'repository':{'full_name':'acme/api','private':true},'kind':'push'}"),
        shaped.payload());
    assertNull(shaped.eventType());
  }

  @Test
  void aRuleThatDoesNotFitTheEventIsThatEventsError() throws Transform.Failure {
    Transform transform = Transform.parse(json("{'pick':{'n':'/number'}}"));
    Transform.Failure failure = assertThrows(Transform.Failure.class, () -> transform.apply(PUSH));
    assertTrue(
        failure.getMessage().contains("pick.n: /number is not in this event"),
        failure.getMessage());
    Transform typed = Transform.parse(json("{'eventType':'/repository/private'}"));
    assertThrows(Transform.Failure.class, () -> typed.apply(PUSH));
  }

  @Test
  void badRulesAreRefusedWhenSaved() {
    for (String bad :
        new String[] {
          "{'pick':{'a':'no-slash'}}",
          "{'pick':['/a']}",
          "{'drop':'a'}",
          "{'add':[1]}",
          "{'eventType':3}",
          "{'shuffle':true}"
        }) {
      assertThrows(Transform.Failure.class, () -> Transform.parse(json(bad)), bad);
    }
  }
}
