package io.hookline.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns what a subscriber or an error put in our hands into text a {@code varchar(n)} column of
 * PostgreSQL takes: no NUL character (PostgreSQL refuses it in text), at most {@code n} characters,
 * and a visible marker where something was changed.
 *
 * <p>A response body that is UTF-8 text without NUL is kept as text. Any other body (gzip,
 * protobuf, another charset) is kept as base64 after the marker {@value #BASE64}; a text body that
 * itself starts with that marker is encoded too, so the marker is never ambiguous. Text cut to fit
 * its column ends with {@value #CUT}.
 */
public final class StoredText {
  /** Starts a body stored as the base64 of its bytes. */
  public static final String BASE64 = "[base64] ";

  /** Ends text that was cut to fit its column (or a body the caller read only the start of). */
  public static final String CUT = "…[cut]";

  private StoredText() {}

  /**
   * A response body as stored text of at most {@code limit} characters.
   *
   * @param bytes the body, or the start of it
   * @param partial {@code bytes} is only the start of the body: a UTF-8 sequence cut at its end is
   *     not a sign of binary content, and the text is marked as cut
   */
  public static String responseBody(byte[] bytes, boolean partial, int limit) {
    String text = utf8Text(bytes, partial);
    if (text != null && !text.startsWith(BASE64)) {
      return fit(text, partial, limit);
    }
    int room = limit - BASE64.length();
    if (partial || base64Length(bytes.length) > room) {
      int whole = Math.max(0, (room - CUT.length()) / 4 * 3);
      byte[] kept = java.util.Arrays.copyOf(bytes, Math.min(whole, bytes.length));
      return BASE64 + Base64.getEncoder().encodeToString(kept) + CUT;
    }
    return BASE64 + Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * {@code text} as a column of {@code limit} characters takes it: NUL replaced by U+FFFD, and cut
   * with {@link #CUT} when longer. Null stays null.
   */
  public static String fit(String text, int limit) {
    return text == null ? null : fit(text, false, limit);
  }

  private static String fit(String text, boolean cut, int limit) {
    String clean = text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    if (!cut && clean.length() <= limit) {
      return clean;
    }
    int end = Math.min(clean.length(), limit - CUT.length());
    if (end > 0 && Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--; // never half a surrogate pair
    }
    return clean.substring(0, end) + CUT;
  }

  /** The bytes as text when they are UTF-8 without NUL, or null. */
  private static String utf8Text(byte[] bytes, boolean partial) {
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int length = partial ? bytes.length - incompleteTail(bytes) : bytes.length;
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** How many bytes at the end start a UTF-8 sequence that the end cuts short (0 to 3). */
  private static int incompleteTail(byte[] bytes) {
    for (int back = 1; back <= Math.min(3, bytes.length); back++) {
      int b = bytes[bytes.length - back] & 0xff;
      if ((b & 0xc0) != 0x80) {
        int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return needed > back ? back : 0;
      }
    }
    return 0;
  }

  private static int base64Length(int bytes) {
    return (bytes + 2) / 3 * 4;
  }
}
