package io.hookline.app.entity;

/** An entity that belongs to one app; callers of another app must not see it. */
public interface AppOwned {
  String getAppId();
}
