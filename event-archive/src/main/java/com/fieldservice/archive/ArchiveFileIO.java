package com.fieldservice.archive;

import java.io.File;
import java.util.Map;

import org.apache.iceberg.Files;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Reads the table's metadata and data files from a local warehouse without Hadoop, or
 * from S3 through Iceberg's S3FileIO. Iceberg's own ResolvingFileIO would need Hadoop's
 * jars for local files.
 */
public final class ArchiveFileIO implements FileIO {

	private Map<String, String> properties = Map.of();

	private S3FileIO s3;

	@Override
	public void initialize(Map<String, String> properties) {
		this.properties = Map.copyOf(properties);
	}

	@Override
	public Map<String, String> properties() {
		return this.properties;
	}

	@Override
	public InputFile newInputFile(String location) {
		return isLocal(location) ? Files.localInput(localFile(location)) : s3().newInputFile(location);
	}

	@Override
	public OutputFile newOutputFile(String location) {
		return isLocal(location) ? Files.localOutput(localFile(location)) : s3().newOutputFile(location);
	}

	@Override
	public void deleteFile(String location) {
		throw new UnsupportedOperationException("The archive is read-only here: not deleting " + location);
	}

	@Override
	public void close() {
		if (this.s3 != null) {
			this.s3.close();
		}
	}

	static boolean isLocal(String location) {
		return location.startsWith("file:") || location.startsWith("/");
	}

	/**
	 * The local file of a {@code file:/...}, {@code file:///...} or plain path location.
	 */
	static File localFile(String location) {
		if (location.startsWith("file:")) {
			String path = location.substring("file:".length()).replaceFirst("^//", "");
			return new File(path.startsWith("/") ? path : "/" + path);
		}
		return new File(location);
	}

	private synchronized S3FileIO s3() {
		if (this.s3 == null) {
			this.s3 = new S3FileIO();
			this.s3.initialize(this.properties);
		}
		return this.s3;
	}

}
