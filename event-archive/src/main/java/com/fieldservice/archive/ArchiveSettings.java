package com.fieldservice.archive;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the archive is: the Iceberg JDBC catalog's database and the warehouse, from the
 * same environment variables the connector's configuration is filled from. The defaults
 * are the run command's.
 *
 * @param catalogUri JDBC URL of the catalog's database
 * @param user catalog database user
 * @param password catalog database password
 * @param warehouse where the catalog creates tables (a directory or an s3:// location)
 * @param s3Endpoint S3 endpoint override (an emulator, a VPC endpoint), or null for AWS
 * @param region AWS region of the S3 bucket
 */
record ArchiveSettings(String catalogUri, String user, String password, String warehouse, String s3Endpoint,
		String region) {

	/** The catalog name the sink registers its table under ({@code iceberg.catalog}). */
	static final String CATALOG = "archive";

	static ArchiveSettings from(UnaryOperator<String> environment) {
		return new ArchiveSettings(
				or(environment.apply("ARCHIVE_CATALOG_URI"), "jdbc:postgresql://127.0.0.1:5432/archive"),
				or(environment.apply("ARCHIVE_CATALOG_USER"), "postgres"),
				or(environment.apply("ARCHIVE_CATALOG_PASSWORD"), "postgres"),
				or(environment.apply("ARCHIVE_WAREHOUSE"), "file:///tmp/archive-warehouse"),
				environment.apply("AWS_ENDPOINT_URL_S3"), or(environment.apply("AWS_REGION"), "us-east-1"));
	}

	/**
	 * The JdbcCatalog's properties: read-only use, files through {@link ArchiveFileIO}.
	 */
	Map<String, String> catalogProperties() {
		var properties = new HashMap<String, String>();
		properties.put("uri", this.catalogUri);
		properties.put("jdbc.user", this.user);
		properties.put("jdbc.password", this.password);
		properties.put("jdbc.schema-version", "V1");
		properties.put("warehouse", this.warehouse);
		properties.put("io-impl", ArchiveFileIO.class.getName());
		properties.put("client.region", this.region);
		properties.put("s3.path-style-access", "true");
		properties.put("http-client.type", "urlconnection");
		if (this.s3Endpoint != null) {
			properties.put("s3.endpoint", this.s3Endpoint);
		}
		return properties;
	}

	private static String or(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
