package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.platform.Refusal;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
  private static final Pattern WORD = Pattern.compile("[a-z.]+");

  @Test
  void malformedJsonIsABadRequest() {
    Refusal p = assertThrows(Refusal.class, () -> JsonBody.parse("{\"a\":"));
    assertEquals(Refusal.Kind.MALFORMED, p.kind());
  }

  @Test
  void aBodyThatIsNotAnObjectIsABadRequest() {
    Refusal p = assertThrows(Refusal.class, () -> JsonBody.parse("[1,2]"));
    assertEquals(Refusal.Kind.MALFORMED, p.kind());
    assertEquals(
        Refusal.Kind.MALFORMED, assertThrows(Refusal.class, () -> JsonBody.parse(" ")).kind());
  }

  @Test
  void aNulCharacterAnywhereIsRefusedBeforeTheDatabaseSeesIt() {
    assertEquals(
        Refusal.Kind.MALFORMED,
        assertThrows(Refusal.class, () -> JsonBody.parse("{\"a\":{\"b\":[\"x\\u0000\"]}}")).kind());
    assertEquals(
        Refusal.Kind.MALFORMED,
        assertThrows(Refusal.class, () -> JsonBody.parse("{\"k\\u0000\":1}")).kind());
    // An escaped backslash before "u0000" is six characters of text, no NUL: accepted.
    assertEquals(
        "x\\u0000",
        ((jakarta.json.JsonString) JsonBody.parse("{\"a\":\"x\\\\u0000\"}").value("a"))
            .getString());
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    Refusal p =
        assertThrows(
            Refusal.class, () -> JsonBody.parse("{}").requiredString("eventType", 10, WORD));
    assertEquals(Refusal.Kind.INVALID, p.kind());
    assertEquals("eventType", p.field());
  }

  @Test
  void wrongTypesAndShapesAreNamed() {
    JsonBody body = JsonBody.parse("{\"a\":1,\"b\":\"UPPER\",\"c\":[\"x\",2],\"d\":\"x\"}");
    assertEquals(
        "a", assertThrows(Refusal.class, () -> body.requiredString("a", 10, null)).field());
    assertEquals(
        "b", assertThrows(Refusal.class, () -> body.requiredString("b", 10, WORD)).field());
    assertEquals(
        "c[1]", assertThrows(Refusal.class, () -> body.optionalStrings("c", 5, 10, WORD)).field());
    assertEquals("d", assertThrows(Refusal.class, () -> body.requiredObject("d")).field());
  }

  @Test
  void presentValuesAreReturned() {
    JsonBody body = JsonBody.parse("{\"a\":\"x.y\",\"c\":[\"p\",\"q\"],\"o\":{\"k\":1}}");
    assertEquals("x.y", body.requiredString("a", 10, WORD));
    assertNull(body.optionalString("missing", 10, WORD));
    assertEquals(List.of("p", "q"), body.optionalStrings("c", 5, 10, WORD));
    assertEquals(1, body.requiredObject("o").getInt("k"));
  }

  @Test
  void lengthIsBounded() {
    JsonBody body = JsonBody.parse("{\"a\":\"abcdef\"}");
    assertEquals(
        Refusal.Kind.INVALID,
        assertThrows(Refusal.class, () -> body.requiredString("a", 5, null)).kind());
  }
}
