package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StoredTextTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void utf8TextIsKeptAsItIs() {
    assertEquals("{\"ok\":\"ü✓\"}", StoredText.responseBody(utf8("{\"ok\":\"ü✓\"}"), false, 4096));
    assertEquals("", StoredText.responseBody(new byte[0], false, 4096));
  }

  @Test
  void aBodyWithNulIsKeptAsBase64AfterTheMarker() {
    byte[] gzip = {0x1f, (byte) 0x8b, 0x00, 0x00, 0x41};
    assertEquals("[base64] H4sAAEE=", StoredText.responseBody(gzip, false, 4096));
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAsBase64() {
    byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
    String stored = StoredText.responseBody(latin1, false, 4096);
    assertEquals(StoredText.BASE64 + Base64.getEncoder().encodeToString(latin1), stored);
  }

  @Test
  void textThatLooksLikeTheMarkerIsEncodedSoTheMarkerIsNeverAmbiguous() {
    byte[] body = utf8("[base64] not really");
    String stored = StoredText.responseBody(body, false, 4096);
    assertArrayEquals(body, stored.substring(StoredText.BASE64.length()));
  }

  private static void assertArrayEquals(byte[] expected, String base64) {
    assertTrue(Arrays.equals(expected, Base64.getDecoder().decode(base64)), base64);
  }

  @Test
  void theStartOfALongTextBodyIsMarkedCutAndAMultibyteCharacterCutShortIsNotBinary() {
    byte[] whole = utf8("a".repeat(4094) + "€€");
    byte[] start = Arrays.copyOf(whole, 4096); // ends with 2 of the first euro sign's 3 bytes
    String stored = StoredText.responseBody(start, true, 4096);
    assertFalse(stored.startsWith(StoredText.BASE64), stored.substring(0, 20));
    assertTrue(stored.endsWith(StoredText.CUT));
    assertTrue(stored.length() <= 4096, "" + stored.length());
  }

  @Test
  void aLargeBinaryBodyIsCutToFitItsColumnWithTheMarker() {
    byte[] binary = new byte[4096];
    Arrays.fill(binary, (byte) 0);
    String stored = StoredText.responseBody(binary, true, 4096);
    assertTrue(stored.startsWith(StoredText.BASE64));
    assertTrue(stored.endsWith(StoredText.CUT));
    assertTrue(stored.length() <= 4096, "" + stored.length());
    String encoded =
        stored.substring(StoredText.BASE64.length(), stored.length() - StoredText.CUT.length());
    assertEquals(0, Base64.getDecoder().decode(encoded)[0]);
  }

  @Test
  void textIsCutToItsColumnWithAVisibleMarker() {
    String error = "host " + "a".repeat(1500) + " does not resolve";
    String stored = StoredText.fit(error, 1024);
    assertEquals(1024, stored.length());
    assertTrue(stored.startsWith("host aaa"));
    assertTrue(stored.endsWith(StoredText.CUT));
    assertEquals("short", StoredText.fit("short", 1024));
    assertNull(StoredText.fit(null, 1024));
  }

  @Test
  void nulInTextIsReplacedAndAPairIsNeverCutInHalf() {
    assertEquals("a\uFFFDb", StoredText.fit("a\0b", 10));
    String pairs = "😀".repeat(10); // 20 chars
    String stored = StoredText.fit(pairs, 10);
    assertTrue(stored.length() <= 10);
    String kept = stored.substring(0, stored.length() - StoredText.CUT.length());
    assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), kept);
  }
}
