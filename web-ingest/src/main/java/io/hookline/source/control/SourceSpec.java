package io.hookline.source.control;

import jakarta.json.JsonObject;

/**
 * What a client sets on a source.
 *
 * @param secret null to keep the current one (on update) or to have one made (where the type can)
 */
public record SourceSpec(
    String name,
    String type,
    String secret,
    JsonObject config,
    io.hookline.source.entity.Source.Mode mode,
    String forwardApp,
    String forwardPrefix,
    JsonObject transform) {}
