package com.fieldservice.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The DuckDB view of a table (named as the table) over the Parquet files a scan planned,
 * with the table's current schema. Columns are matched by Iceberg field id, as Iceberg's
 * own readers do: a column added by a later schema reads as null in files written before
 * it, and a renamed one keeps its data.
 */
final class DuckDbView {

	private DuckDbView() {
	}

	/** The statement that creates the view {@code name} over {@code files}. */
	static String create(String name, Schema schema, List<Path> files) {
		if (files.isEmpty()) {
			// read_parquet needs at least one file: an empty relation of the same columns
			// instead.
			String columns = schema.columns()
				.stream()
				.map((field) -> "CAST(NULL AS " + type(field.type()) + ") AS " + quote(field.name()))
				.collect(Collectors.joining(", "));
			return "CREATE OR REPLACE TEMP VIEW " + quote(name) + " AS SELECT " + columns + " WHERE false";
		}
		String list = files.stream()
			.map((file) -> literal(file.toString()))
			.collect(Collectors.joining(", ", "[", "]"));
		return "CREATE OR REPLACE TEMP VIEW " + quote(name) + " AS SELECT * FROM read_parquet(" + list + ", schema="
				+ schemaMap(schema) + ")";
	}

	/**
	 * {@code MAP{<field id>: {name, type, default_value}}}, read_parquet's schema
	 * parameter.
	 */
	static String schemaMap(Schema schema) {
		var map = new StringJoiner(", ", "MAP{", "}");
		for (Types.NestedField field : schema.columns()) {
			map.add(field.fieldId() + ": {name: " + literal(field.name()) + ", type: " + literal(type(field.type()))
					+ ", default_value: NULL}");
		}
		return map.toString();
	}

	/** The DuckDB type of an Iceberg type. */
	static String type(Type type) {
		return switch (type.typeId()) {
			case BOOLEAN -> "BOOLEAN";
			case INTEGER -> "INTEGER";
			case LONG -> "BIGINT";
			case FLOAT -> "FLOAT";
			case DOUBLE -> "DOUBLE";
			case DATE -> "DATE";
			case TIME -> "TIME";
			case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
			case STRING -> "VARCHAR";
			case UUID -> "UUID";
			case BINARY, FIXED -> "BLOB";
			case DECIMAL -> {
				var decimal = (Types.DecimalType) type;
				yield "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
			}
			case LIST -> type(type.asListType().elementType()) + "[]";
			case MAP -> "MAP(" + type(type.asMapType().keyType()) + ", " + type(type.asMapType().valueType()) + ")";
			case STRUCT -> type.asStructType()
				.fields()
				.stream()
				.map((field) -> quote(field.name()) + " " + type(field.type()))
				.collect(Collectors.joining(", ", "STRUCT(", ")"));
			default -> throw new IllegalArgumentException("No DuckDB type for " + type);
		};
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
