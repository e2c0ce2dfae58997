package dev.sluice.examples;

/**
 * A change to an account's balance, carried as JSON.
 *
 * @param accountId the account
 * @param amount the amount added (negative for a withdrawal)
 */
public record Transaction(String accountId, double amount) {}
