package dev.sluice.examples;

/**
 * An order event, carried as JSON.
 *
 * @param id the order id
 * @param customer the customer id
 * @param amount the order total
 * @param status NEW, PAID, SHIPPED or COMPLETE
 */
public record Order(String id, String customer, double amount, String status) {}
