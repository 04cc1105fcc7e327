package io.hookline.inbound.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {
  @Test
  void hostileBodiesAreMalformedNotErrors() {
    for (String body :
        new String[] {"[".repeat(5000) + "]".repeat(5000), "{\"a\":", "[1]", "\"text\"", ""}) {
      Rejected rejected =
          assertThrows(
              Rejected.class, () -> Bodies.object(body.getBytes(StandardCharsets.UTF_8)), body);
      assertEquals(Rejected.Kind.MALFORMED, rejected.kind());
    }
  }
}
