/**
 * Black-box integration tests: the built deployables on real PostgreSQL, Artemis and Payara, driven
 * over HTTP like a user's code, with a loopback receiver standing in for subscribers.
 */
package io.hookline.it;
