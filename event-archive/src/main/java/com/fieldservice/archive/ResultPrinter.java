package com.fieldservice.archive;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a query's rows: as an aligned text table, or one JSON object per line (DuckDB's
 * own {@code to_json}, nested structs and lists included).
 */
final class ResultPrinter {

	private final PrintStream out;

	private final boolean json;

	ResultPrinter(PrintStream out, boolean json) {
		this.out = out;
		this.json = json;
	}

	/**
	 * Runs {@code sql} with {@code parameters} on {@code duck}; returns the number of
	 * rows printed.
	 */
	int print(Connection duck, String sql, List<Object> parameters) throws SQLException {
		String query = this.json ? "SELECT to_json(q) FROM (" + sql + ") q" : sql;
		try (var statement = duck.prepareStatement(query)) {
			for (int i = 0; i < parameters.size(); i++) {
				statement.setObject(i + 1, parameters.get(i));
			}
			try (ResultSet rows = statement.executeQuery()) {
				return this.json ? printJson(rows) : printTable(rows);
			}
		}
	}

	private int printJson(ResultSet rows) throws SQLException {
		int count = 0;
		while (rows.next()) {
			this.out.println(rows.getString(1));
			count++;
		}
		return count;
	}

	private int printTable(ResultSet rows) throws SQLException {
		int columns = rows.getMetaData().getColumnCount();
		var lines = new ArrayList<String[]>();
		var header = new String[columns];
		for (int c = 0; c < columns; c++) {
			header[c] = rows.getMetaData().getColumnLabel(c + 1);
		}
		lines.add(header);
		while (rows.next()) {
			var line = new String[columns];
			for (int c = 0; c < columns; c++) {
				line[c] = String.valueOf(rows.getString(c + 1));
			}
			lines.add(line);
		}
		var widths = new int[columns];
		for (String[] line : lines) {
			for (int c = 0; c < columns; c++) {
				widths[c] = Math.max(widths[c], line[c].length());
			}
		}
		for (String[] line : lines) {
			var text = new StringBuilder();
			for (int c = 0; c < columns; c++) {
				text.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", line[c]));
			}
			this.out.println(text.toString().stripTrailing());
		}
		this.out.println("(" + (lines.size() - 1) + " row" + (lines.size() == 2 ? ")" : "s)"));
		return lines.size() - 1;
	}

}
