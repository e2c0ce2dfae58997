/**
 * Implementation of {@code dev.sluice.serdes}; not API. Classes here may change or disappear in any
 * release, and API signatures never mention them.
 */
package dev.sluice.serdes.internal;
