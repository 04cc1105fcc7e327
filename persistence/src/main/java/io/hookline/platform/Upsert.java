package io.hookline.platform;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Svix's PUT on a path that holds an id or a uid: what the path names is replaced; a uid that names
 * nothing is created with the path as its uid; an id that names nothing is a 404, never created.
 */
public final class Upsert {
  /** What the PUT answers with, and whether it made it (201) or found it (200). */
  public record Outcome<T>(T entity, boolean created) {}

  private Upsert() {}

  /**
   * @param found what {@code ref} names, or null
   * @param idPrefix the prefix of the ids of what is looked up ({@code app_}, {@code ep_})
   * @param what its name in a 404
   * @param replace changes what was found
   * @param create makes it, given the path as the uid to use unless the request gives another
   */
  public static <T> Outcome<T> byPath(
      T found,
      String ref,
      String idPrefix,
      String what,
      UnaryOperator<T> replace,
      Function<String, T> create) {
    if (found != null) {
      return new Outcome<>(replace.apply(found), false);
    }
    if (ref.startsWith(idPrefix)) {
      throw Refusal.notFound(what, ref);
    }
    return new Outcome<>(create.apply(ref), true);
  }
}
