package io.hookline.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;

/**
 * {@link jakarta.json.Json}'s factory methods on one provider looked up once. Each call of the
 * former looks the provider up again through the ServiceLoader, which scans the class path: under
 * load that scan costs a fifth of a message send's CPU and serialises threads on the class loader.
 */
public final class Jsons {
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsons() {}

  public static JsonObjectBuilder createObjectBuilder() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonObjectBuilder createObjectBuilder(JsonObject start) {
    return PROVIDER.createObjectBuilder(start);
  }

  public static JsonArrayBuilder createArrayBuilder() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonArrayBuilder createArrayBuilder(java.util.Collection<?> start) {
    return PROVIDER.createArrayBuilder(start);
  }

  public static JsonReader createReader(Reader reader) {
    return PROVIDER.createReader(reader);
  }

  public static JsonReader createReader(java.io.InputStream in) {
    return PROVIDER.createReader(in);
  }

  public static JsonPointer createPointer(String pointer) {
    return PROVIDER.createPointer(pointer);
  }
}
