package io.hookline.source.control;

import jakarta.json.JsonObject;

/**
 * What a client sets on a source.
 *
 * @param secret null to keep the current one (on update) or to have one made (where the type can)
 * @param unauthenticated on create: the source is meant to take requests without any secret (only a
 *     type that can go without one); ignored on update
 */
public record SourceSpec(
    String name,
    String type,
    String secret,
    JsonObject config,
    io.hookline.source.entity.Source.Mode mode,
    String forwardApp,
    String forwardPrefix,
    JsonObject transform,
    boolean unauthenticated) {}
