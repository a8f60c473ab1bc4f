package com.fieldservice.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * One of the archive's Iceberg tables, read through its catalog: which Parquet files of
 * the current snapshot a query needs (a scan Iceberg plans, pruning by partition and
 * column statistics) and the table's schema. Never a listing of the warehouse: files a
 * failed commit left behind belong to no snapshot.
 */
final class ArchiveTable implements AutoCloseable {

	/**
	 * The sink's tables, one per event type (event-archive.json routes by the type): a
	 * query reads those it names.
	 */
	static final List<TableIdentifier> IDENTIFIERS = List.of(
			TableIdentifier.of(Namespace.of("archive"), "job_assigned"),
			TableIdentifier.of(Namespace.of("archive"), "assignment_cancelled"));

	private final JdbcCatalog catalog;

	private final Table table;

	private final Path downloads;

	private ArchiveTable(JdbcCatalog catalog, Table table, Path downloads) {
		this.catalog = catalog;
		this.table = table;
		this.downloads = downloads;
	}

	/** The table, or empty when the sink has not created it yet. */
	static Optional<ArchiveTable> open(ArchiveSettings settings, TableIdentifier identifier, Path downloads) {
		var catalog = new JdbcCatalog();
		catalog.initialize(ArchiveSettings.CATALOG, settings.catalogProperties());
		if (!catalog.tableExists(identifier)) {
			closeQuietly(catalog);
			return Optional.empty();
		}
		return Optional.of(new ArchiveTable(catalog, catalog.loadTable(identifier), downloads));
	}

	Schema schema() {
		return this.table.schema();
	}

	/** The id of the snapshot queries read, or -1 while the table holds none. */
	long snapshotId() {
		var snapshot = this.table.currentSnapshot();
		return (snapshot != null) ? snapshot.snapshotId() : -1;
	}

	/**
	 * Local paths of the current snapshot's data files that may hold rows matching
	 * {@code filter}; files on S3 are downloaded first, since DuckDB reads only local
	 * files here (its S3 extension cannot be installed).
	 */
	List<Path> plan(Expression filter) {
		var files = new ArrayList<Path>();
		try (CloseableIterable<FileScanTask> tasks = this.table.newScan().filter(filter).planFiles()) {
			for (FileScanTask task : tasks) {
				if (!task.deletes().isEmpty()) {
					// The sink only appends; a table with deletes was changed by
					// something else.
					throw new IllegalStateException("The archive has delete files, which this reader does not apply: "
							+ task.file().location());
				}
				files.add(local(task.file().location()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	private Path local(String location) {
		if (ArchiveFileIO.isLocal(location)) {
			return ArchiveFileIO.localFile(location).toPath();
		}
		FileIO io = this.table.io();
		Path copy = this.downloads.resolve(
				Integer.toHexString(location.hashCode()) + "-" + location.substring(location.lastIndexOf('/') + 1));
		try (var in = io.newInputFile(location).newStream()) {
			Files.createDirectories(this.downloads);
			Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not download " + location, ex);
		}
	}

	@Override
	public void close() {
		closeQuietly(this.catalog);
	}

	private static void closeQuietly(JdbcCatalog catalog) {
		// Only the catalog's connections: nothing was written.
		catalog.close();
	}

}
