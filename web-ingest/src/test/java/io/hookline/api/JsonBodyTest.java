package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
  private static final Pattern WORD = Pattern.compile("[a-z.]+");

  @Test
  void malformedJsonIsABadRequest() {
    Problem p = assertThrows(Problem.class, () -> JsonBody.parse("{\"a\":"));
    assertEquals(400, p.status());
  }

  @Test
  void aBodyThatIsNotAnObjectIsABadRequest() {
    Problem p = assertThrows(Problem.class, () -> JsonBody.parse("[1,2]"));
    assertEquals(400, p.status());
    assertEquals(400, assertThrows(Problem.class, () -> JsonBody.parse(" ")).status());
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    Problem p =
        assertThrows(
            Problem.class, () -> JsonBody.parse("{}").requiredString("eventType", 10, WORD));
    assertEquals(422, p.status());
    assertEquals("eventType", p.field());
  }

  @Test
  void wrongTypesAndShapesAreNamed() {
    JsonBody body = JsonBody.parse("{\"a\":1,\"b\":\"UPPER\",\"c\":[\"x\",2],\"d\":\"x\"}");
    assertEquals(
        "a", assertThrows(Problem.class, () -> body.requiredString("a", 10, null)).field());
    assertEquals(
        "b", assertThrows(Problem.class, () -> body.requiredString("b", 10, WORD)).field());
    assertEquals(
        "c[1]", assertThrows(Problem.class, () -> body.optionalStrings("c", 5, 10, WORD)).field());
    assertEquals("d", assertThrows(Problem.class, () -> body.requiredObject("d")).field());
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
        422, assertThrows(Problem.class, () -> body.requiredString("a", 5, null)).status());
  }
}
