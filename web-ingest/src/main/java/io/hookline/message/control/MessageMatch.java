package io.hookline.message.control;

import io.hookline.platform.NameSets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What a list of messages and a list of attempts both ask of a message: one of these event types
 * (none: any), the channel and the tag when given. One place for the JPQL and its parameters, so
 * that both lists match a message the same way ({@code like} on the stored name sets, {@link
 * NameSets#containing}).
 */
record MessageMatch(List<String> eventTypes, String channel, String tag) {
  MessageMatch {
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
  }

  /** Whether it asks anything of the message. */
  boolean any() {
    return !eventTypes.isEmpty() || channel != null || tag != null;
  }

  /** The conditions on the message named {@code alias}, each starting with " and "; "" for none. */
  String jpql(String alias) {
    StringBuilder jpql = new StringBuilder();
    if (!eventTypes.isEmpty()) {
      jpql.append(" and ").append(alias).append(".eventType in :eventTypes");
    }
    if (channel != null) {
      jpql.append(" and ").append(alias).append(".channels like :channel escape '!'");
    }
    if (tag != null) {
      jpql.append(" and ").append(alias).append(".tags like :tag escape '!'");
    }
    return jpql.toString();
  }

  /** Sets the parameters {@link #jpql} names, e.g. {@code match.bind(query::setParameter)}. */
  void bind(BiConsumer<String, Object> parameter) {
    if (!eventTypes.isEmpty()) {
      parameter.accept("eventTypes", eventTypes);
    }
    if (channel != null) {
      parameter.accept("channel", NameSets.containing(channel));
    }
    if (tag != null) {
      parameter.accept("tag", NameSets.containing(tag));
    }
  }
}
