/** Creating and changing inbound sources: each type's secret and config rules, secrets sealed. */
package io.hookline.source.control;
