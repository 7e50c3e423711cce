package io.github.migrationdelivery.engine.lint;

/** A finding that an {@code md:allow} comment suppressed, kept in reports with its reason for accountability. */
public record Suppression(Finding finding, String reason) {
}
