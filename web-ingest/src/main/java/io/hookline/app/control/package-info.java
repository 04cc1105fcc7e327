/** Creating and finding applications, by id or by the caller's own uid. */
package io.hookline.app.control;
