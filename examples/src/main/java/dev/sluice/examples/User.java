package dev.sluice.examples;

/**
 * A user profile, carried as JSON; the {@code users} topic holds the latest profile per user id.
 *
 * @param id the user id
 * @param name the display name
 * @param status the loyalty status, e.g. Platinum
 */
public record User(String id, String name, String status) {}
