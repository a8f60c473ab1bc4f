package com.fieldservice.connect.sns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The connector's version, as the build wrote it into {@code version.properties}.
 */
final class Version {

	private static final String VERSION = load();

	private Version() {
	}

	static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
