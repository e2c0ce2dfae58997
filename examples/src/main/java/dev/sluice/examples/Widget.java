package dev.sluice.examples;

/**
 * A widget coming off a production line, carried as JSON.
 *
 * @param id the widget id
 * @param colour its colour, e.g. RED
 * @param productionLine the line that made it
 */
public record Widget(String id, String colour, String productionLine) {}
