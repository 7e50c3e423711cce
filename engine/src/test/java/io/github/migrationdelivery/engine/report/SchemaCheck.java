package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a document against the subset of JSON Schema 2020-12 that our report schemas use
 * ($ref into $defs, type, const, enum, required, properties, additionalProperties: false, items,
 * minimum, pattern). Small on purpose, so the schema is tested without a validator dependency;
 * it throws on a keyword it does not know, so the schema cannot quietly outgrow it.
 */
final class SchemaCheck {

    private static final List<String> KNOWN = List.of("$schema", "$id", "$defs", "$ref", "title", "description",
            "type", "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "pattern");

    private final JsonNode root;
    private final List<String> errors = new ArrayList<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** The violations, as "path: problem"; empty when the document conforms. */
    static List<String> violations(JsonNode schema, JsonNode document) {
        SchemaCheck check = new SchemaCheck(schema);
        check.check(schema, document, "$");
        return check.errors;
    }

    private void check(JsonNode schema, JsonNode value, String path) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("schema keyword not supported by SchemaCheck: " + keyword);
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalArgumentException("only local $defs refs are supported: " + ref);
            }
            check(root.get("$defs").get(ref.substring("#/$defs/".length())), value, path);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected " + schema.get("type") + " but was " + value.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const") + " but was " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asLong() < schema.get("minimum").asLong()) {
            errors.add(path + ": " + value + " below minimum " + schema.get("minimum"));
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": " + value + " does not match " + schema.get("pattern"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + ": missing " + required.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey());
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
                    errors.add(path + ": unexpected field " + field.getKey());
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]");
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        switch (type.asText()) {
            case "object": return value.isObject();
            case "array": return value.isArray();
            case "string": return value.isTextual();
            case "integer": return value.isIntegralNumber();
            case "number": return value.isNumber();
            case "boolean": return value.isBoolean();
            case "null": return value.isNull();
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
