/**
 * Accepting a message: the message row, its delivery rows and their JMS messages commit in one JTA
 * transaction, so an accepted message is always delivered or dead-lettered.
 */
package io.hookline.message.control;
