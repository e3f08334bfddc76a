package dev.fitd.api;

/** The one error shape of the API: {@code {"error": "..."}}. */
public record ErrorBody(String error) { }
